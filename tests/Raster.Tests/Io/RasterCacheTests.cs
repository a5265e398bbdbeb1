using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tests.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Io;

public sealed class RasterCacheTests
{
    [Fact]
    public async Task Blocks_BeyondTheSizeLimit_AreEvicted()
    {
        using var cache = new RasterCache(1);
        var block = new RasterBlock(256, 256, 1, new float[256 * 256], null);   // 256 KiB each
        for (var i = 0; i < 20; i++)
            cache.SetBlock(1, 0, new BlockIndex(i, 0), block);
        await Task.Delay(200);   // compaction runs in the background

        var kept = Enumerable.Range(0, 20).Count(i => cache.TryGetBlock(1, 0, new BlockIndex(i, 0), out _));
        Assert.InRange(kept, 1, 4);
    }

    [Fact]
    public async Task ReadBlocks_Twice_ReturnsTheCachedInstance()
    {
        var dataset = await TiffFixtures.OpenAsync("deflate_p2_u16.tif");

        var first = await dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1)], CancellationToken.None);
        var second = await dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1), new BlockIndex(1, 1)], CancellationToken.None);

        Assert.Same(first[0], second[0]);
        Assert.Same(first[0], second[1]);
    }
}
