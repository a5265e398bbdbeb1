using System.Diagnostics.Metrics;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tests.Tiff;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Io;

[CollectionDefinition(nameof(CompressedBlockCacheTests), DisableParallelization = true)]
public sealed class CompressedBlockCacheCollection;

/// <summary>
/// The stored bytes of remote blocks kept after their decoded form is evicted, as GDAL's <c>/vsicurl/</c> keeps the
/// regions it downloaded (cpl_vsil_curl.cpp, <c>CPL_VSIL_CURL_CACHE_SIZE</c>) so a block read again costs no request.
/// Over HTTP from a real server on 127.0.0.1 (<see cref="RangeServer"/>), counting the range requests it answers.
/// <c>deflate_p2_u16.tif</c> is 160×120 uint16 in 3×2 DEFLATE blocks of 64×64. Runs alone (no parallel tests) so the
/// lookups the metrics count are its own.
/// </summary>
[Collection(nameof(CompressedBlockCacheTests))]
public sealed class CompressedBlockCacheTests : IDisposable
{
    private const long DecodedBlockBytes = 64 * 64 * 2 + 64;

    private readonly RangeServer _server = new();
    private readonly HttpClient _client = new();
    private readonly string _url;

    public CompressedBlockCacheTests() => _url = _server.Add("deflate_p2_u16.tif", File.ReadAllBytes(TiffFixtures.PathOf("deflate_p2_u16.tif")));

    [Fact]
    public async Task BlockEvictedFromTheDecodedCache_IsDecodedAgainWithoutARangeRequest()
    {
        var compressed = new CompressedBlockCache(1 << 20);
        var (dataset, _) = await OpenRemoteAsync(compressed, decodedBytes: 3 * DecodedBlockBytes);
        var all = AllBlocks(dataset);
        var first = await dataset.ReadBlocksAsync(0, [all[0]], CancellationToken.None);
        foreach (var block in all[1..])
            await dataset.ReadBlocksAsync(0, [block], CancellationToken.None);   // evicts all[0] from the decoded cache
        _server.ResetCounts();

        var again = await dataset.ReadBlocksAsync(0, [all[0]], CancellationToken.None);

        Assert.Equal(0, _server.Requests);
        Assert.NotSame(first[0], again[0]);   // decoded anew, not the decoded cache's instance
        var local = await TiffFixtures.OpenAsync("deflate_p2_u16.tif");
        var expected = await local.ReadBlocksAsync(0, [all[0]], CancellationToken.None);
        Assert.Equal(((RasterBlock<ushort>)expected[0]).Samples, ((RasterBlock<ushort>)again[0]).Samples);
    }

    [Fact]
    public async Task ByteLimit_KeepsTheMostRecentBlocks_AndEvictedOnesAreRequestedAgain()
    {
        var (probe, header) = await OpenRemoteAsync(null);
        var all = AllBlocks(probe);
        var image = header.Levels[0];
        long StoredBytes(BlockIndex b) => (long)image.ByteCounts[image.StoredBlockIndex(b.X, b.Y, 0)] + 64;
        var limit = StoredBytes(all[^1]) + StoredBytes(all[^2]);
        var compressed = new CompressedBlockCache(limit);
        var (dataset, _) = await OpenRemoteAsync(compressed, decodedBytes: DecodedBlockBytes);
        foreach (var block in all)
            await dataset.ReadBlocksAsync(0, [block], CancellationToken.None);

        Assert.Equal(limit, compressed.Bytes);
        Assert.Equal(2, compressed.Count);
        _server.ResetCounts();
        await dataset.ReadBlocksAsync(0, [all[^2]], CancellationToken.None);   // decoded cache holds all[^1] only
        Assert.Equal(0, _server.Requests);
        await dataset.ReadBlocksAsync(0, [all[0]], CancellationToken.None);
        Assert.Equal(1, _server.Requests);
        Assert.True(compressed.Bytes <= limit);
    }

    [Fact]
    public async Task LocalFile_DoesNotUseTheCache()
    {
        var compressed = new CompressedBlockCache(1 << 20);
        var reader = new CountingRangeReader(FileRangeReader.Open(TiffFixtures.PathOf("deflate_p2_u16.tif")));
        var header = await GeoTiffHeader.ReadAsync(reader, 64 * 1024, Sidecars.None, CancellationToken.None);
        var dataset = new GeoTiffDataset(header, new RasterCache(DecodedBlockBytes), compressed, CrsRegistry.Default, () => { });
        var all = AllBlocks(dataset);
        foreach (var block in all)
            await dataset.ReadBlocksAsync(0, [block], CancellationToken.None);
        reader.Clear();

        await dataset.ReadBlocksAsync(0, [all[0]], CancellationToken.None);

        Assert.Single(reader.Ranges);
        Assert.Equal(0, compressed.Count);
    }

    [Fact]
    public async Task ConcurrentReads_OfTheSameStoredBytes_OneRangeRequest()
    {
        var compressed = new CompressedBlockCache(1 << 20);
        var (_, header) = await OpenRemoteAsync(null);
        var reader = new CountingRangeReader(header.Levels[0].File.Reader);
        var image = header.Levels[0];
        ByteRange Range(int x) => new((long)image.Offsets[image.StoredBlockIndex(x, 0, 0)], (long)image.ByteCounts[image.StoredBlockIndex(x, 0, 0)]);
        reader.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var identity = reader.CompressedCacheIdentity!;

        var reads = Enumerable.Range(0, 8)
            .Select(i => compressed.GetOrReadAsync(reader, identity, i % 2 == 0 ? [Range(0), Range(1)] : [Range(1)], CancellationToken.None))
            .ToArray();
        Assert.All(reads, r => Assert.False(r.IsCompleted));
        reader.Gate.SetResult();
        var results = await Task.WhenAll(reads);

        Assert.Single(reader.Ranges);   // blocks 0 and 1 are neighbours: one coalesced request for both
        Assert.All(results, r => Assert.Same(results[0][1], r[^1]));
        Assert.Equal(File.ReadAllBytes(TiffFixtures.PathOf("deflate_p2_u16.tif")).AsSpan((int)Range(1).Offset, (int)Range(1).Length).ToArray(), results[0][1]);
    }

    [Fact]
    public async Task HeaderReadAgain_SameETag_ReadsBlocksFromTheCache_NewETag_RequestsThem()
    {
        var compressed = new CompressedBlockCache(1 << 20);
        var (first, _) = await OpenRemoteAsync(compressed);
        await first.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);

        var (unchanged, _) = await OpenRemoteAsync(compressed);   // as when a remote header's lifetime ends
        _server.ResetCounts();
        await unchanged.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);
        Assert.Equal(0, _server.Requests);

        _server.ETag = "\"v2\"";
        var (changed, _) = await OpenRemoteAsync(compressed);
        _server.ResetCounts();
        await changed.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task ServerWithoutETagOrLastModified_BlocksAreNotKept()
    {
        _server.ETag = null;
        var compressed = new CompressedBlockCache(1 << 20);
        var (dataset, _) = await OpenRemoteAsync(compressed);

        await dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);

        Assert.Equal(0, compressed.Count);
    }

    [Fact]
    public async Task Lookups_AreCountedByResult()
    {
        long hits = 0, misses = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RasterMetrics.MeterName && instrument.Name == "ogctiler.compressed_block_cache.lookups")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags[0].Value as string == "hit")
                Interlocked.Add(ref hits, value);
            else
                Interlocked.Add(ref misses, value);
        });
        listener.Start();
        var compressed = new CompressedBlockCache(1 << 20);
        var (dataset, _) = await OpenRemoteAsync(compressed, decodedBytes: DecodedBlockBytes);

        await dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0), new BlockIndex(1, 0)], CancellationToken.None);   // 2 misses
        await dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);   // evicted from the decoded cache: 1 hit

        Assert.Equal((1L, 2L), (Interlocked.Read(ref hits), Interlocked.Read(ref misses)));
    }

    private static BlockIndex[] AllBlocks(GeoTiffDataset dataset)
    {
        var level = dataset.Levels[0];
        return [.. Enumerable.Range(0, level.BlocksDown).SelectMany(y => Enumerable.Range(0, level.BlocksAcross).Select(x => new BlockIndex(x, y)))];
    }

    /// <summary>The remote file read as a fresh open would (its header through a new reader), with its own decoded cache.</summary>
    private async Task<(GeoTiffDataset Dataset, GeoTiffHeader Header)> OpenRemoteAsync(CompressedBlockCache? compressed, long decodedBytes = 16 << 20)
    {
        var header = await GeoTiffHeader.ReadAsync(new HttpRangeReader(_client, _url), 64 * 1024, Sidecars.None, CancellationToken.None);
        return (new GeoTiffDataset(header, new RasterCache(decodedBytes), compressed, CrsRegistry.Default, () => { }), header);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }
}
