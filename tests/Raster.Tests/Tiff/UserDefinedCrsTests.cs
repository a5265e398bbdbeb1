using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// GeoTIFFs with a user-defined projected CRS (ProjectedCSTypeGeoKey = 32767), made by
/// tests/data/crs/make_user_defined.sh with GDAL; pixel corners compared with cs2cs from the same PROJ string.
/// </summary>
public sealed class UserDefinedCrsTests
{
    private static readonly string[][] Reference = File.ReadLines(RepoPaths.Data("crs", "user_defined.tsv"))
        .Select(l => l.Split('\t'))
        .ToArray();

    [Theory]
    [InlineData("tm_wgs84", "EPSG:4326")]
    [InlineData("tm_nad83_origin", "EPSG:4269")]
    public async Task Open_UserDefinedTransverseMercator_PixelCornersMatchCs2cs(string name, string baseCrs)
    {
        var dataset = await OpenAsync(name);
        Assert.StartsWith($"USER:TM({baseCrs},", dataset.Crs.Id);
        Assert.False(dataset.Crs.IsGeographic);
        var toWgs84 = CrsRegistry.Default.CreateTransform(CrsRegistry.Default.Resolve(dataset.Info.Crs), CrsRegistry.Default.Resolve("EPSG:4326"));
        var rows = Reference.Where(r => r[0] == name).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var r in rows)
        {
            var f = r.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = dataset.Levels[0].Transform.PixelToWorld(f[0], f[1]);
            var (lon, lat) = toWgs84.Transform(x, y);
            Assert.Equal(f[2], lon, 1e-7);
            Assert.Equal(f[3], lat, 1e-7);
        }
    }

    [Fact]
    public async Task Open_UserDefinedAlbers_RefusedNamingTheProjectionMethod()
    {
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => OpenAsync("aea_nad83"));
        Assert.Contains("ProjCoordTransGeoKey = 11 is not supported: only Transverse Mercator (1) is", e.Problem);
    }

    private static async Task<GeoTiffDataset> OpenAsync(string name)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("crs", "user_defined", name + ".tif"), CancellationToken.None);
    }
}
