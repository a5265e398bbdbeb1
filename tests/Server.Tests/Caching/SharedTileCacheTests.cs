using System.Diagnostics;
using System.Net;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using StackExchange.Redis;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>Two real server instances sharing a real redis-server as the second-level tile cache.</summary>
public sealed class SharedTileCacheTests : IDisposable
{
    private const string LayerTile = "/layers/demo/tiles/WebMercatorQuad/1/0/0.png";
    private const string Stored = "OgcTiler; fwd=miss; stored";
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly RedisServer _redis = new();
    private readonly List<ServerFactory> _servers = [];
    private readonly (ServerFactory Server, FakeRasterDataset Dataset) _a;
    private readonly (ServerFactory Server, FakeRasterDataset Dataset) _b;

    public SharedTileCacheTests()
    {
        _a = Instance();
        _b = Instance();
    }

    public void Dispose()
    {
        foreach (var server in _servers)
            server.Dispose();
        _redis.Dispose();
    }

    [Fact]
    public async Task Tile_RenderedByOneInstance_IsARedisHitOnTheOtherWithTheSameBytes()
    {
        var first = await _a.Server.CreateClient().GetAsync(LayerTile);
        var second = await _b.Server.CreateClient().GetAsync(LayerTile);
        var third = await _b.Server.CreateClient().GetAsync(LayerTile);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(Stored, CacheStatus(first));
        Assert.Equal("OgcTiler; hit; detail=redis", CacheStatus(second));
        Assert.Equal("OgcTiler; hit", CacheStatus(third));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal(first.Content.Headers.LastModified, second.Content.Headers.LastModified);
        Assert.Equal(1, _a.Dataset.Reads);
        Assert.Equal(0, _b.Dataset.Reads);
    }

    [Fact]
    public async Task Metrics_CountTilesRendered_AndServedFromMemoryAndFromRedis()
    {
        var before = Lookups(await Scrape(_b.Server));
        await _a.Server.CreateClient().GetAsync(LayerTile);
        await _b.Server.CreateClient().GetAsync(LayerTile);
        await _b.Server.CreateClient().GetAsync(LayerTile);

        // The instruments are process-wide and other tests may run at the same time: compare with the counts before.
        var after = Lookups(await Operations.OperationsEndpointTests.ScrapeUntilAsync(_b.Server.CreateClient(),
            t => Lookups(t).GetValueOrDefault("Memory") > before.GetValueOrDefault("Memory")));
        foreach (var origin in new[] { "Rendered", "Redis", "Memory" })
            Assert.True(after.GetValueOrDefault(origin) > before.GetValueOrDefault(origin), $"{origin}: {before.GetValueOrDefault(origin)} -> {after.GetValueOrDefault(origin)}");
    }

    private static async Task<string> Scrape(ServerFactory server) => await server.CreateClient().GetStringAsync("/metrics");

    private static Dictionary<string, long> Lookups(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("ogctiler_tile_cache_lookups_total{", StringComparison.Ordinal))
            .GroupBy(l => l[(l.IndexOf("origin=\"", StringComparison.Ordinal) + 8)..].Split('"')[0])
            .ToDictionary(g => g.Key, g => g.Sum(l => long.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task ConcurrentColdRequests_OnOneInstance_RenderTheTileOnce_AndTheWaitersSaySo()
    {
        var client = _a.Server.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync(LayerTile)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _a.Dataset.Reads);
        Assert.Single(responses, r => CacheStatus(r) == Stored);
        Assert.All(responses.Where(r => CacheStatus(r) != Stored),
            r => Assert.Contains(CacheStatus(r), new[] { "OgcTiler; fwd=miss; collapsed", "OgcTiler; hit" }));
    }

    [Fact]
    public async Task ConcurrentColdRequests_AcrossBothInstances_RenderTheTileOnce()
    {
        var a = _a.Server.CreateClient();
        var b = _b.Server.CreateClient();
        for (var tile = 0; tile < 2; tile++)
        {
            var path = $"/layers/demo/tiles/WebMercatorQuad/1/{tile}/0.png";
            var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? a : b).GetAsync(path)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Single(responses, r => CacheStatus(r) == Stored);
        }
        Assert.Equal(2, _a.Dataset.Reads + _b.Dataset.Reads);
    }

    [Fact]
    public async Task ConfigurationChange_OnAnotherInstance_InvalidatesTheTilesOfBoth()
    {
        await _a.Server.CreateClient().GetAsync(LayerTile);
        Assert.Equal("OgcTiler; hit; detail=redis", CacheStatus(await _b.Server.CreateClient().GetAsync(LayerTile)));

        var changed = Instance("""{ "Bidx": [1], "Rescale": [[0, 2000]] }""");
        var fromChanged = await changed.Server.CreateClient().GetAsync(LayerTile);

        Assert.Equal(Stored, CacheStatus(fromChanged));
        var b = await RetryUntil(_b.Server.CreateClient(), LayerTile, Stored);
        Assert.Equal(1, _b.Dataset.Reads);
        Assert.NotEqual(fromChanged.Headers.ETag, b.Headers.ETag);
        Assert.NotEqual(await fromChanged.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ForeignValueInRedis_IsIgnoredAndOverwritten()
    {
        var first = await _a.Server.CreateClient().GetAsync(LayerTile);
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.InspectionConfiguration);
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var keys = server.Keys(pattern: "ogctiler:tile|*").ToList();
        Assert.Single(keys);
        await redis.GetDatabase().StringSetAsync(keys[0], "not a tile");

        var second = await _b.Server.CreateClient().GetAsync(LayerTile);
        var third = await Instance().Server.CreateClient().GetAsync(LayerTile);

        Assert.Equal(Stored, CacheStatus(second));
        Assert.Equal(1, _b.Dataset.Reads);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("OgcTiler; hit; detail=redis", CacheStatus(third));
    }

    [Fact]
    public async Task RedisStopped_TilesAreStillServed_AndSharedAgainAfterItsRestart()
    {
        _redis.Stop();
        var whileDown = await _a.Server.CreateClient().GetAsync(LayerTile);
        Assert.Equal(HttpStatusCode.OK, whileDown.StatusCode);
        Assert.Equal("OgcTiler; fwd=miss; stored; detail=redis-unavailable", CacheStatus(whileDown));
        var fromMemory = await _a.Server.CreateClient().GetAsync(LayerTile);
        Assert.Equal("OgcTiler; hit", CacheStatus(fromMemory));

        _redis.Start();
        var shared = await SharedAfterReconnect(_a.Server.CreateClient(), _b.Server.CreateClient());

        Assert.Equal("OgcTiler; hit; detail=redis", CacheStatus(shared));
    }

    /// <summary>
    /// The clients reconnect (and take the shared generation again) in the background, after a back-off that grows on a
    /// loaded machine: asks A for fresh tiles (a new render parameter each) until B finds one in Redis.
    /// </summary>
    private static async Task<HttpResponseMessage> SharedAfterReconnect(HttpClient a, HttpClient b)
    {
        var deadline = Stopwatch.StartNew();
        for (var i = 0; deadline.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            var path = $"/layers/demo/tiles/WebMercatorQuad/1/1/0.png?rescale=0,{1000 + i}";
            await a.GetAsync(path);
            var response = await b.GetAsync(path);
            if (CacheStatus(response) == "OgcTiler; hit; detail=redis")
                return response;
            await Task.Delay(50);
        }
        throw new TimeoutException("the shared cache did not come back within 60 s after redis-server restarted");
    }

    /// <summary>Asks until the answer has the given Cache-Status (subscribers hear of a new generation in the background).</summary>
    private static async Task<HttpResponseMessage> RetryUntil(HttpClient client, string path, string status)
    {
        for (var i = 0; i < 100; i++)
        {
            var response = await client.GetAsync(path);
            if (CacheStatus(response) == status)
                return response;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{path} never answered Cache-Status: {status}");
    }

    private (ServerFactory Server, FakeRasterDataset Dataset) Instance(string layerRender = """{ "Bidx": [1], "Rescale": [[0, 3000]] }""")
    {
        var opener = new FakeRasterOpener();
        var server = new ServerFactory(ServerFactory.DemoConfig(layerRender, $$""", "Cache": { "Redis": { "Configuration": "{{_redis.Configuration}}" } }"""), opener);
        var dataset = FakeRasterDataset.Constant(server.DataPath("demo.tif"), Area, 3);
        opener.Add(dataset);
        _servers.Add(server);
        return (server, dataset);
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? values.Single() : null;
}
