using System.Globalization;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// The datum operation for an area of interest, as GDAL gets it for a raster: PROJ's first operation for the area
/// (projinfo -s EPSG:n -t EPSG:4326 --bbox w,s,e,n --spatial-test intersects --grid-check discard_missing) and points
/// through it (cs2cs --bbox w,s,e,n), from tests/data/crs/aoi.tsv (make_reference.py): Timbalai 1948 over the RSO
/// Sarawak fixture, NAD27 in CONUS, Canada, Alaska, the Gulf and Mexico, ED50 in Spain, the North Sea, Norway, Greece and
/// across Europe, OSGB36, Pulkovo 1942 (also across 180°), DHDN, NTF, AGD66, CH1903, NZGD49, and the ballpark outside
/// every area; and GDAL's own answer for the same area (OGR's coordinate transformation given it, as gdalwarp gives it).
/// </summary>
public sealed class AreaOfInterestTests
{
    private const double ToleranceMetres = 0.001;
    private const double MetresPerDegree = 111_320;

    private static readonly string[][] Rows =
        [.. File.ReadLines(RepoPaths.Data("crs", "aoi.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t'))];

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Rows.Length)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operation_ForAnArea_IsTheOneProjinfoListsFirst(int row)
    {
        var (crs, area, _, _, _, _, name) = Case(row);
        Assert.Equal(name, OperationChoice.Rank(crs.DatumOperations!, area)[0].Name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transform_WithAnArea_LandsWhereCs2csWithThatAreaPutsIt(int row)
    {
        var (crs, area, (x, y), (lon, lat), (backX, backY), _, name) = Case(row);
        var (gotLon, gotLat) = CrsRegistry.BuildTransform(crs, CrsRegistry.Crs84, area).Transform(x, y);
        var dLon = (gotLon - lon + 540) % 360 - 180;
        var error = MetresPerDegree * Math.Sqrt(Math.Pow(dLon * Math.Cos(lat * Math.PI / 180), 2) + Math.Pow(gotLat - lat, 2));
        Assert.True(error < ToleranceMetres, $"{crs.Id} over {area} ({name}): ({x}, {y}) went to ({gotLon:R}, {gotLat:R}), cs2cs ({lon:R}, {lat:R}): {error:F6} m");

        var (gotX, gotY) = CrsRegistry.BuildTransform(CrsRegistry.Crs84, crs, area).Transform(lon, lat);
        var back = crs.IsGeographic
            ? MetresPerDegree * Math.Sqrt(Math.Pow(((gotX - backX + 540) % 360 - 180) * Math.Cos(lat * Math.PI / 180), 2) + Math.Pow(gotY - backY, 2))
            : Math.Sqrt(Math.Pow(gotX - backX, 2) + Math.Pow(gotY - backY, 2));
        Assert.True(back < ToleranceMetres, $"{crs.Id} over {area} ({name}): ({lon}, {lat}) went back to ({gotX:R}, {gotY:R}), cs2cs ({backX:R}, {backY:R})");
    }

    /// <summary>
    /// GDAL gets the same as cs2cs --bbox: osr.CoordinateTransformation with SetAreaOfInterest (what gdalwarp passes),
    /// for every area of the table.
    /// </summary>
    [Fact]
    public async Task Transform_WithAnArea_IsOgrsWithThatArea()
    {
        const string ogr = """
            import sys
            from osgeo import osr
            wgs84 = osr.SpatialReference()
            wgs84.ImportFromEPSG(4326)
            wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            for line in open(sys.argv[1]):
                f = line.split("\t")
                crs = osr.SpatialReference()
                crs.ImportFromEPSG(int(f[0]))
                crs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
                options = osr.CoordinateTransformationOptions()
                options.SetAreaOfInterest(*map(float, f[1:5]))
                lon, lat, _ = osr.CoordinateTransformation(crs, wgs84, options).TransformPoint(float(f[5]), float(f[6]))
                print(repr(lon), repr(lat))
            """;
        var lines = (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", ogr, RepoPaths.Data("crs", "aoi.tsv"))).Trim().Split('\n');
        Assert.Equal(Rows.Length, lines.Length);
        for (var row = 0; row < Rows.Length; row++)
        {
            var (crs, area, (x, y), _, _, _, name) = Case(row);
            var f = lines[row].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (lon, lat) = CrsRegistry.BuildTransform(crs, CrsRegistry.Crs84, area).Transform(x, y);
            var error = MetresPerDegree * Math.Sqrt(Math.Pow((lon - f[0] + 540) % 360 - 180, 2) * Math.Pow(Math.Cos(lat * Math.PI / 180), 2) + Math.Pow(lat - f[1], 2));
            Assert.True(error < ToleranceMetres, $"{crs.Id} over {area} ({name}): ({x}, {y}) went to ({lon:R}, {lat:R}), OGR's ({f[0]:R}, {f[1]:R})");
        }
    }

    /// <summary>
    /// The RSO Sarawak fixture is where cs2cs without an area (per point: Timbalai 1948 to WGS 84 (1), 19 m, onshore)
    /// and gdalwarp (for the raster's area: (4), 5 m, the offshore one) part: about 1.9 m.
    /// </summary>
    [Fact]
    public void Transform_RsoSarawakWithAndWithoutItsArea_DifferByTheTwoOperations()
    {
        var crs = CrsRegistry.Default.Resolve("EPSG:29874");
        var area = new Bounds(113.0689, 2.0651, 113.9326, 2.9348);
        var (x, y) = (2424300.553678754, 5276622.436752859);
        var (perPointLon, perPointLat) = CrsRegistry.Default.CreateTransform(crs, CrsRegistry.Crs84).Transform(x, y);
        var (areaLon, areaLat) = CrsRegistry.BuildTransform(crs, CrsRegistry.Crs84, area).Transform(x, y);
        var apart = MetresPerDegree * Math.Sqrt(Math.Pow((perPointLon - areaLon) * Math.Cos(areaLat * Math.PI / 180), 2) + Math.Pow(perPointLat - areaLat, 2));
        Assert.InRange(apart, 1.5, 2.5);
    }

    private static (CrsDefinition Crs, Bounds Area, (double X, double Y) Point, (double Lon, double Lat) Wgs84, (double X, double Y) Back, int Code, string Name) Case(int row)
    {
        var r = Rows[row];
        var f = r[..11].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var crs = CrsRegistry.Default.Resolve($"EPSG:{r[0]}");
        return (crs, new Bounds(f[1], f[2], f[3], f[4]), (f[5], f[6]), (f[7], f[8]), (f[9], f[10]), (int)f[0], r[11]);
    }
}
