using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tests.Tiff;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Io;

public sealed class RasterCacheTests
{
    [Fact]
    public async Task ReadBlocks_Twice_ReturnsTheCachedInstance()
    {
        var dataset = await TiffFixtures.OpenAsync("deflate_p2_u16.tif");

        var first = await dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1)], CancellationToken.None);
        var second = await dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1), new BlockIndex(1, 1)], CancellationToken.None);

        Assert.Same(first[0], second[0]);
        Assert.Same(first[0], second[1]);
    }

    [Fact]
    public async Task ReadBlocks_MoreThanTheLimit_KeepsTheMostRecentBlocksWithinTheLimit()
    {
        const int blockBytes = 64 * 64 * 2 + 64;   // a 64×64 uint16 block
        var (dataset, reader, cache, _) = await OpenCountedAsync("deflate_p2_u16.tif", 3 * blockBytes + 100);
        var all = Blocks(dataset.Levels[0]).ToArray();
        Assert.Equal(6, all.Length);

        foreach (var block in all)
            await dataset.ReadBlocksAsync(0, [block], CancellationToken.None);

        Assert.Equal(3 * blockBytes, cache.Bytes);
        reader.Clear();
        await dataset.ReadBlocksAsync(0, all[3..], CancellationToken.None);
        Assert.Empty(reader.Ranges);
        await dataset.ReadBlocksAsync(0, [all[2]], CancellationToken.None);
        Assert.Single(reader.Ranges);
        Assert.Equal(3 * blockBytes, cache.Bytes);
    }

    [Fact]
    public async Task ConcurrentReads_OfTheSameBlocks_ReadAndDecodeOnce()
    {
        var (dataset, reader, _, _) = await OpenCountedAsync("deflate_p2_u16.tif");
        reader.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        BlockIndex[] wanted = [new(0, 0), new(1, 0)];

        var reads = Enumerable.Range(0, 8).Select(_ => dataset.ReadBlocksAsync(0, wanted, CancellationToken.None)).ToArray();
        Assert.All(reads, r => Assert.False(r.IsCompleted));
        reader.Gate.SetResult();
        var results = await Task.WhenAll(reads);

        Assert.Single(reader.Ranges);   // the two neighbouring blocks coalesce into one range
        Assert.All(results, r => Assert.Same(results[0][0], r[0]));
        Assert.All(results, r => Assert.Same(results[0][1], r[1]));
    }

    [Fact]
    public async Task ConcurrentReads_OverlappingBlocks_EachBlockIsReadOnce()
    {
        var (dataset, reader, _, header) = await OpenCountedAsync("deflate_p2_u16.tif");
        reader.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0), new BlockIndex(0, 1)], CancellationToken.None);
        var second = dataset.ReadBlocksAsync(0, [new BlockIndex(0, 1), new BlockIndex(2, 1)], CancellationToken.None);
        reader.Gate.SetResult();
        var (a, b) = (await first, await second);

        Assert.Same(a[1], b[0]);
        var image = header.Levels[0];
        foreach (var (x, y) in new[] { (0, 0), (0, 1), (2, 1) })
        {
            var offset = (long)image.Offsets[image.StoredBlockIndex(x, y, 0)];
            Assert.Single(reader.Ranges, r => r.Offset <= offset && offset < r.Offset + r.Length);
        }
    }

    [Fact]
    public async Task ConcurrentReads_WhenTheReadingRequestIsCancelled_TheWaiterReadsItself()
    {
        var (dataset, reader, _, _) = await OpenCountedAsync("deflate_p2_u16.tif");
        reader.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var owner = dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1)], cancel.Token);
        var waiter = dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1)], CancellationToken.None);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => owner);
        reader.Gate.SetResult();
        var blocks = await waiter;

        Assert.Equal(2, reader.Ranges.Count);
        Assert.IsType<RasterBlock<ushort>>(blocks[0]);
    }

    [Fact]
    public async Task ConcurrentOpens_OfOneRemoteFile_ReadTheHeaderOnce()
    {
        using var server = new RangeServer();
        var url = server.Add("cog.tif", File.ReadAllBytes(TiffFixtures.PathOf("cog_mask_u16.tif")));
        using var client = new HttpClient();
        using var opener = new RasterOpener(() => client, 16, CrsRegistry.Default, 64 * 1024);

        var opens = Enumerable.Range(0, 8).Select(_ => opener.OpenAsync(url, CancellationToken.None)).ToArray();
        var datasets = await Task.WhenAll(opens);

        Assert.Equal(1, server.Requests);
        Assert.All(datasets, d => Assert.Equal(datasets[0].Info.Width, d.Info.Width));
    }

    private static IEnumerable<BlockIndex> Blocks(RasterLevel level)
    {
        for (var y = 0; y < level.BlocksDown; y++)
            for (var x = 0; x < level.BlocksAcross; x++)
                yield return new BlockIndex(x, y);
    }

    private static async Task<(GeoTiffDataset Dataset, CountingRangeReader Reader, RasterCache Cache, GeoTiffHeader Header)> OpenCountedAsync(string name, long cacheBytes = 16 << 20)
    {
        var reader = new CountingRangeReader(FileRangeReader.Open(TiffFixtures.PathOf(name)));
        var header = await GeoTiffHeader.ReadAsync(reader, 64 * 1024, Sidecars.None, CancellationToken.None);
        reader.Clear();
        var cache = new RasterCache(cacheBytes);
        return (new GeoTiffDataset(header, cache, null, CrsRegistry.Default, () => { }), reader, cache, header);
    }
}
