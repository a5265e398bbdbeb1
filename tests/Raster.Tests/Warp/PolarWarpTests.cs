using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class PolarWarpTests
{
    [Fact]
    public async Task AGridAroundThePole_FromWebMercator_MasksWhatMercatorCannotReach()
    {
        // 3857 source from 15,000 km north up to the projection's edge (about 78°N to 85.05°N), 20 km pixels.
        const double top = 20037508.342789244;
        var level = new RasterLevel(200, 252, 64, 64, new GeoTransform(-2000000, 20000, 0, top, 0, -20000));
        var samples = Enumerable.Repeat(7f, 200 * 252).ToArray();
        var crs = TestRasters.Registry;
        var raster = new InMemoryBlockedRaster("mercator.tif", crs.Resolve("EPSG:3857"), 1, null, [new InMemoryLevel(level, samples)]);
        // UPS North: the pole is at (2,000,000, 2,000,000); ±1,500 km around it.
        var grid = new TargetGrid("EPSG:5041", 500000, 500000, 3500000, 3500000, 64, 64);
        using var data = await Warper.ReadAsync(raster, grid, null, ReadOptions.Default, crs, CancellationToken.None);
        var mask = data.Mask.ToArray();
        Assert.Equal(0, mask[32 * 64 + 32]); // at the pole: beyond Mercator
        Assert.Contains(mask, m => m == 255);
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 255)
                Assert.Equal(7f, data.Band(0)[i]);
        }
    }
}
