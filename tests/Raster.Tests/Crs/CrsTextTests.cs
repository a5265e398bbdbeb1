using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// CRSs given as text: each PROJ string below, and the OGC WKT1, ESRI WKT1 and WKT2 projinfo writes for it, resolved
/// by the registry and compared with cs2cs transforming the same text (a PROJ string through projinfo's WKT2 of it,
/// since cs2cs reads a leading '+' as its old syntax) on points around the projection's centre.
/// </summary>
public sealed class CrsTextTests
{
    /// <summary>A PROJ string and the longitude/latitude its test points surround.</summary>
    private static readonly Dictionary<string, (string Proj, double Lon, double Lat)> Definitions = new()
    {
        ["lcc_usft"] = ("+proj=lcc +lat_1=33 +lat_2=45 +lat_0=39 +lon_0=-96 +x_0=0 +y_0=0 +ellps=GRS80 +towgs84=0,0,0 +units=us-ft", -96, 39),
        ["lcc_1sp"] = ("+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=0 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +ellps=clrk80ign +towgs84=-168,-60,320", 2, 46),
        ["aea_nad83"] = ("+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=m", -100, 40),
        ["laea_europe"] = ("+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m", 12, 50),
        ["laea_sphere"] = ("+proj=laea +lat_0=45 +lon_0=-100 +x_0=0 +y_0=0 +R=6370997 +units=m", -95, 47),
        ["stere_south_ts"] = ("+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m", 40, -75),
        ["stere_north_k"] = ("+proj=stere +lat_0=90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +datum=WGS84 +units=m", -30, 75),
        ["sterea_rd"] = ("+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m", 5.5, 52),
        ["merc_ts"] = ("+proj=merc +lat_ts=33 +lon_0=100 +x_0=0 +y_0=0 +datum=WGS84 +units=m", 105, 30),
        ["merc_k"] = ("+proj=merc +lon_0=-20 +k=0.9 +x_0=100 +y_0=0 +ellps=intl +towgs84=-87,-98,-121 +units=m", -15, 20),
        ["eqc_ts"] = ("+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m", 20, 40),
        ["cea_ts"] = ("+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m", 30, -20),
        ["geos_x"] = ("+proj=geos +h=35785831 +lon_0=-75 +sweep=x +x_0=0 +y_0=0 +ellps=GRS80 +units=m", -80, 30),
        ["geos_y"] = ("+proj=geos +h=35785831 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m", 10, 40),
        ["omerc_b"] = ("+proj=omerc +lat_0=4 +lonc=115 +alpha=53.31582047222222 +gamma=53.13010236111111 +k=0.99984 +x_0=590476.87 +y_0=442857.65 +ellps=evrstSS +units=m", 116, 5),
        ["cass"] = ("+proj=cass +lat_0=31.73409694444445 +lon_0=35.21208055555556 +x_0=170251.555 +y_0=126867.909 +a=6378300.789 +b=6356566.435 +units=m", 35, 32),
        ["poly"] = ("+proj=poly +lat_0=0 +lon_0=-54 +x_0=5000000 +y_0=10000000 +ellps=aust_SA +units=m", -50, -10),
        ["utm_south"] = ("+proj=utm +zone=33 +south +ellps=intl +towgs84=-87,-98,-121 +units=m", 14, -20),
        ["tmerc_osgb"] = ("+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m", -1, 52),
        ["longlat_bessel"] = ("+proj=longlat +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7", 10, 51),
        ["longlat_intl"] = ("+proj=longlat +ellps=intl +towgs84=-87,-98,-121", -5, 40),
    };

    /// <summary>The forms projinfo cannot write for a definition (ESRI WKT1 has no sweep axis; PROJ strings only).</summary>
    private static readonly HashSet<(string, string)> NotWritten = [("geos_x", "WKT1_ESRI")];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Definitions.Keys)
        {
            foreach (var form in (string[])["PROJ", "WKT1_GDAL", "WKT1_ESRI", "WKT2_2019", "WKT2_2015"])
            {
                if (!NotWritten.Contains((name, form)))
                    data.Add(name, form);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TextCrs_TransformsAsCs2cs(string name, string form)
    {
        var (proj, lon, lat) = Definitions[name];
        var text = form == "PROJ" ? proj : await ProjinfoAsync(form, proj);
        var reference = form == "PROJ" ? await ProjinfoAsync("WKT2_2019", proj) : text;
        var registry = CrsRegistry.Default;
        var crs = registry.Resolve(text);
        var points = new List<(double Lon, double Lat)>();
        for (var i = -1; i <= 1; i++)
        {
            for (var j = -1; j <= 1; j++)
                points.Add((lon + 2 * i, lat + j));
        }
        var expected = await Cs2csAsync(reference, points);
        var forward = registry.CreateTransform(CrsRegistry.Crs84, crs);
        var inverse = registry.CreateTransform(crs, CrsRegistry.Crs84);
        // a Helmert shift is ProjNET's linearised one (about a centimetre from PROJ's, see DatumShiftTests)
        var tolerance = crs.IsGeographic ? 3e-7 : 0.02 * (crs.MetersPerUnit > 0 ? 1 / crs.MetersPerUnit : 1);
        for (var k = 0; k < points.Count; k++)
        {
            var (x, y) = forward.Transform(points[k].Lon, points[k].Lat);
            Assert.True(Math.Abs(x - expected[k].X) < tolerance && Math.Abs(y - expected[k].Y) < tolerance,
                $"{name} {form} at {points[k]}: got ({x:F4}, {y:F4}), cs2cs ({expected[k].X:F4}, {expected[k].Y:F4})\n{text}");
            var (backLon, backLat) = inverse.Transform(expected[k].X, expected[k].Y);
            Assert.True(Math.Abs(backLon - points[k].Lon) < 3e-7 && Math.Abs(backLat - points[k].Lat) < 3e-7,
                $"{name} {form} inverse of ({expected[k].X}, {expected[k].Y}): got ({backLon}, {backLat})");
        }
    }

    [Theory]
    [InlineData("PROJCS[\"WGS 84 / UTM zone 31N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"central_meridian\",3],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"32631\"]]", "EPSG:32631")]
    [InlineData("GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563]],CS[ellipsoidal,2],AXIS[\"latitude\",north],AXIS[\"longitude\",east],ID[\"EPSG\",4326]]", "EPSG:4326")]
    [InlineData("+init=epsg:3035", "EPSG:3035")]
    [InlineData("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs", "EPSG:3857")]
    public void TextNamingAnEpsgCrs_ResolvesToIt(string text, string expected) =>
        Assert.Equal(expected, CrsRegistry.Default.Resolve(text).Id);

    [Fact]
    public void SameText_ResolvesToOneDefinition()
    {
        var proj = Definitions["aea_nad83"].Proj;
        var first = CrsRegistry.Default.Resolve(proj);
        Assert.StartsWith("USER:", first.Id, StringComparison.Ordinal);
        Assert.Same(first, CrsRegistry.Default.Resolve(proj));
        Assert.Same(first, CrsRegistry.Default.Resolve(first.Id));
    }

    [Theory]
    [InlineData("+proj=robin +datum=WGS84", "+proj=robin is not supported")]
    [InlineData("+proj=utm +zone=61 +datum=WGS84", "+zone between 1 and 60")]
    [InlineData("+proj=longlat +datum=NAD27 +nadgrids=@conus", "+nadgrids is not supported")]
    [InlineData("+proj=tmerc +ellps=nonsense", "+ellps=nonsense is not a PROJ ellipsoid")]
    [InlineData("+proj=tmerc +lat_0=abc +datum=WGS84", "+lat_0=abc is not a number")]
    [InlineData("PROJCS[\"x\",GEOGCS[\"g\",DATUM[\"d\",SPHEROID[\"s\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Robinson\"],UNIT[\"metre\",1]]", "the projection Robinson is not supported")]
    [InlineData("PROJCS[\"x\",GEOGCS[\"g\"", "is not closed")]
    [InlineData("PROJCRS[\"x\",BASEGEOGCRS[\"g\",DATUM[\"d\",ELLIPSOID[\"s\",6378137,298.257223563]]],CONVERSION[\"c\",METHOD[\"Robinson\"]],CS[Cartesian,2]]", "\"Robinson\" is not supported")]
    [InlineData("VERTCRS[\"h\",VDATUM[\"v\"],CS[vertical,1]]", "VERTCRS[...] is not a supported CRS")]
    public void UnsupportedText_IsRefusedByName(string text, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CrsRegistry.Default.Resolve(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ProjinfoAsync(string format, string proj) =>
        (await ExternalProcess.RunCheckedAsync("projinfo", "-o", format, "-q", "--single-line", proj + " +type=crs")).Trim();

    private static async Task<List<(double X, double Y)>> Cs2csAsync(string target, List<(double Lon, double Lat)> points)
    {
        var input = Path.Combine(Path.GetTempPath(), $"ogctiler-cs2cs-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(input, points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Lon} {p.Lat}")));
        try
        {
            var output = await ExternalProcess.RunCheckedAsync("cs2cs", "-f", "%.10f", "OGC:CRS84", target, input);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture));
            })];
        }
        finally
        {
            File.Delete(input);
        }
    }
}
