using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class WorldWarpTests
{
    [Theory]
    [InlineData(-180.0)]
    [InlineData(0.0)]
    public async Task AWholeWorldGrid_WarpsToWebMercatorZoomZero(double west)
    {
        var level = new RasterLevel(360, 180, 64, 64, new GeoTransform(west, 1, 0, 90, 0, -1));
        var samples = Enumerable.Range(0, 360 * 180).Select(i => (float)(i % 360)).ToArray();
        var crs = TestRasters.Registry;
        var raster = new InMemoryBlockedRaster("world.tif", crs.Resolve("EPSG:4326"), 1, -9999.5, [new InMemoryLevel(level, samples)]);
        const double e = 20037508.342789244;
        var grid = new TargetGrid("EPSG:3857", -e, -e, e, e, 256, 256);
        using var data = await Warper.ReadAsync(raster, grid, null, ReadOptions.Default, crs, CancellationToken.None);
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
    }
}
