using System.Net;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Tests.TestHost;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>Two real server instances sharing a real redis-server as the second-level tile cache.</summary>
public sealed class SharedTileCacheTests : IDisposable
{
    private const string LayerTile = "/layers/demo/tiles/WebMercatorQuad/1/0/0.png";
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly RedisServer _redis = new();
    private readonly (ServerFactory Server, FakeRasterDataset Dataset) _a;
    private readonly (ServerFactory Server, FakeRasterDataset Dataset) _b;

    public SharedTileCacheTests()
    {
        _a = Instance();
        _b = Instance();
    }

    public void Dispose()
    {
        _a.Server.Dispose();
        _b.Server.Dispose();
        _redis.Dispose();
    }

    [Fact]
    public async Task Tile_RenderedByOneInstance_IsAHitOnTheOtherWithTheSameBytes()
    {
        var first = await _a.Server.CreateClient().GetAsync(LayerTile);
        var second = await _b.Server.CreateClient().GetAsync(LayerTile);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(first));
        Assert.Equal("OgcTiler; hit", CacheStatus(second));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(1, _a.Dataset.Reads);
        Assert.Equal(0, _b.Dataset.Reads);
    }

    [Fact]
    public async Task ConcurrentColdRequests_OnOneInstance_RenderTheTileOnce()
    {
        var client = _a.Server.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync(LayerTile)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _a.Dataset.Reads);
        Assert.Single(responses, r => CacheStatus(r) == "OgcTiler; fwd=miss; stored");
    }

    [Fact]
    public async Task RedisStopped_TilesAreStillServed_AndSharedAgainAfterItsRestart()
    {
        _redis.Stop();
        var whileDown = await _a.Server.CreateClient().GetAsync(LayerTile);
        Assert.Equal(HttpStatusCode.OK, whileDown.StatusCode);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(whileDown));
        var fromMemory = await _a.Server.CreateClient().GetAsync(LayerTile);
        Assert.Equal("OgcTiler; hit", CacheStatus(fromMemory));

        _redis.Start();
        const string other = "/layers/demo/tiles/WebMercatorQuad/1/1/0.png";
        var rendered = await RetryUntilStored(_a.Server.CreateClient(), other);
        var shared = await _b.Server.CreateClient().GetAsync(other);

        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Equal("OgcTiler; hit", CacheStatus(shared));
    }

    /// <summary>The client reconnects in the background: ask for fresh tiles (a new style parameter each) until one reaches Redis.</summary>
    private async Task<HttpResponseMessage> RetryUntilStored(HttpClient client, string path)
    {
        var b = _b.Server.CreateClient();
        for (var i = 0; i < 50; i++)
        {
            var probe = $"/layers/demo/tiles/WebMercatorQuad/1/0/0.png?rescale=0,{1000 + i}";
            await client.GetAsync(probe);
            if (CacheStatus(await b.GetAsync(probe)) == "OgcTiler; hit")
                return await client.GetAsync(path);
            await Task.Delay(100);
        }
        throw new TimeoutException("the shared cache did not come back after redis-server restarted");
    }

    private (ServerFactory, FakeRasterDataset) Instance()
    {
        var opener = new FakeRasterOpener();
        var server = new ServerFactory(ServerFactory.DemoConfig(extra: $$""", "Cache": { "Redis": { "Configuration": "{{_redis.Configuration}}" } }"""), opener);
        var dataset = FakeRasterDataset.Constant(server.DataPath("demo.tif"), Area, 3);
        opener.Add(dataset);
        return (server, dataset);
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? values.Single() : null;
}
