using System.Globalization;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// A user-defined projected CRS whose projection is an EPSG conversion named by ProjectionGeoKey (3074), read as
/// libgeotiff reads it: the conversion's method and parameters from proj.db (config/crs/geodetic.tsv), lengths in the
/// CRS's linear unit. Fixtures written by libgeotiff's geotifcp (tests/data/crs/make_projection_key.py): SPCS83 Alabama
/// East in metres and in US survey feet (a Transverse Mercator) and Lambert-93 (a Lambert Conic Conformal 2SP); the
/// reference is GDAL's reading of the same keys (gdaltransform of pixel corners, gdalsrsinfo).
/// </summary>
public sealed class ProjectionKeyCrsTests
{
    private static readonly string[][] Corners =
        [.. File.ReadLines(RepoPaths.Data("crs", "projection_key.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t'))];

    public static TheoryData<string> Names => [.. Corners.Select(r => r[0]).Distinct()];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Open_ProjectionGeoKey_PixelCornersMatchGdal(string name)
    {
        var dataset = await OpenAsync(name);
        var registry = CrsRegistry.Default;
        var toWgs84 = registry.CreateTransform(registry.Resolve(dataset.Info.Crs), registry.Resolve("EPSG:4326"));
        foreach (var r in Corners.Where(r => r[0] == name))
        {
            var f = r.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = dataset.Levels[0].Transform.PixelToWorld(f[0], f[1]);
            var (lon, lat) = toWgs84.Transform(x, y);
            Assert.Equal(f[2], lon, 1e-7);
            Assert.Equal(f[3], lat, 1e-7);
        }
    }

    [Fact] // gdalsrsinfo: +proj=tmerc +lat_0=30.5 +lon_0=-85.8333333333333 +k=0.99996 +x_0=200000.0001016 +datum=NAD83 +units=us-ft
    public async Task Open_ConversionInMetres_GivesItsFalseEastingInTheCrsUnit()
    {
        var wkt = (await OpenAsync("spcs83_alabama_east_ftus")).Crs.Wkt!;

        Assert.Contains("PROJECTION[\"Transverse_Mercator\"]", wkt);
        Assert.Contains("PARAMETER[\"false_easting\",656166.66", wkt);
        Assert.Contains("PARAMETER[\"scale_factor\",0.99996]", wkt);
    }

    private static async Task<GeoTiffDataset> OpenAsync(string name)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("crs", "projection_key", name + ".tif"), CancellationToken.None);
    }
}
