using System.Net;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>Six Sentinel-2-like items on one grid (512×512 uint16 COGs in 256² DEFLATE blocks), served without delay.</summary>
public sealed class SixItems : IAsyncLifetime
{
    public BenchItemServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await BenchItemServer.StartAsync(6);

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>
/// <c>Cache:Blocks:CompressedSizeMB</c> end to end: a /cog tile of a remote COG whose decoded blocks were evicted (a
/// 1 MB decoded cache, then the same tile of five other items) is drawn again with no range request for its blocks
/// when the compressed-block cache holds their stored bytes, and with new ones when it is off; /metrics counts the
/// lookups. The tile cache is off, so every request renders.
/// </summary>
public sealed class RemoteBlockCacheTests(SixItems items) : IClassFixture<SixItems>
{
    private const string Tile = "/cog/tiles/WebMercatorQuad/14/8329/5885.png";

    private BenchItemServer Files => items.Server;

    [Theory]
    [InlineData(16, false)]
    [InlineData(0, true)]
    public async Task TileAgainAfterItsDecodedBlocksWereEvicted_RangeRequestsOnlyWithoutTheCompressedCache(int compressedMb, bool requested)
    {
        await using var server = new ServerFactory($$"""
            {
              "Sources": { "AllowedUrlPrefixes": ["{{Files.Base}}/"], "AllowedNetworks": ["127.0.0.0/8"] },
              "Cache": { "Blocks": { "SizeMB": 1, "CompressedSizeMB": {{compressedMb}} } }
            }
            """, opener: null) { TileCache = false };
        using var client = server.CreateClient();
        await GetTileAsync(client, 0);
        for (var item = 1; item < 6; item++)
            await GetTileAsync(client, item);
        Files.ResetCounts();

        await GetTileAsync(client, 0);

        // the header may have left the 1 MB cache too: its read (from byte 0) and the .msk probe are not block reads
        var blockReads = Files.Requests.Count(r => r.Path == "/item00_B04.tif" && !r.Range.StartsWith("bytes=0-", StringComparison.Ordinal));
        Assert.Equal(requested, blockReads > 0);
        if (!requested)
        {
            var text = await client.GetStringAsync("/metrics");
            Assert.Matches(@"(?m)^ogctiler_compressed_block_cache_lookups_total\{[^}]*result=""hit""[^}]*\} [1-9]", text);
        }
    }

    private async Task GetTileAsync(HttpClient client, int item)
    {
        var url = $"{Tile}?url={Uri.EscapeDataString($"{Files.Base}/item{item:00}_B04.tif")}&rescale=0,2000";
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
