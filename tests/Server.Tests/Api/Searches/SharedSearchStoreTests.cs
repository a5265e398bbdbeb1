using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Server.Api.Searches;
using OgcTiler.Server.Tests.Caching;
using OgcTiler.TestSupport.Stac;
using StackExchange.Redis;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>
/// Two real server instances with <c>Cache:Redis</c> on one real redis-server and folders of their own: a search
/// registered on one is served (and listed) by the other, from Redis.
/// </summary>
public sealed class SharedSearchStoreTests : IAsyncLifetime
{
    private const string Body = """{ "collections": ["fixture-s2"], "metadata": { "name": "shared" } }""";
    private readonly RedisServer _redis = new();
    private readonly List<ServerFactory> _servers = [];
    private readonly List<string> _folders = [];
    private LoopbackStacApi _api = null!;

    public async Task InitializeAsync() => _api = await LoopbackStacApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
            await server.DisposeAsync();
        await _api.DisposeAsync();
        _redis.Dispose();
        foreach (var folder in _folders.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SearchRegisteredOnOneInstance_IsServedByTheOther_FromRedis()
    {
        var (a, b) = (Instance(), Instance());

        using var registered = await RegisterAsync(a);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var info = JsonDocument.Parse(await b.GetStringAsync($"/searches/{id}/info"));
        using var point = await b.GetAsync($"/searches/{id}/point/3.0055,29.826?assets=B04");
        using var list = JsonDocument.Parse(await b.GetStringAsync("/searches/list?name=shared"));

        Assert.Equal("shared", info.RootElement.GetProperty("search").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, point.StatusCode);
        Assert.Equal([id], list.RootElement.GetProperty("searches").EnumerateArray().Select(s => s.GetProperty("search").GetProperty("hash").GetString()));
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.InspectionConfiguration);
        var stored = await redis.GetDatabase().StringGetAsync("shared:search:" + id);
        Assert.Contains("\"collections\":[\"fixture-s2\"]", stored.ToString());
    }

    /// <summary>
    /// A collection's search is kept where registered searches are (titiler-pgstac's <c>get_collection_id</c> registers
    /// it in pgstac): used on one instance, it is listed and served by the other from Redis, under info's hash.
    /// </summary>
    [Fact]
    public async Task CollectionUsedOnOneInstance_IsListedByTheOther_FromRedis()
    {
        var (a, b) = (Instance(), Instance());

        using var info = JsonDocument.Parse(await a.GetStringAsync("/collections/fixture-s2/info"));
        var hash = info.RootElement.GetProperty("search").GetProperty("hash").GetString()!;
        using var list = JsonDocument.Parse(await b.GetStringAsync("/searches?name=" + Uri.EscapeDataString("Mosaic for 'fixture-s2' Collection")));
        using var served = JsonDocument.Parse(await b.GetStringAsync($"/searches/{hash}/info"));

        Assert.Equal([hash], Hashes(list));
        Assert.Equal(info.RootElement.GetProperty("search").GetRawText(), served.RootElement.GetProperty("search").GetRawText());
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.InspectionConfiguration);
        Assert.True(await redis.GetDatabase().KeyExistsAsync("shared:search:" + hash));
    }

    /// <summary>A search kept in Redis before the list's sorted set existed (its key alone) is listed, before the ones registered since.</summary>
    [Fact]
    public async Task SearchKeptBeforeTheListIndex_IsListedFirst()
    {
        var old = RegisteredSearch.Create(_api.BaseUrl + "/search", new JsonObject { ["collections"] = new JsonArray("fixture-s2") },
            new JsonObject { ["name"] = "shared", ["type"] = "mosaic", ["kept"] = "before the index" });
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.InspectionConfiguration))
            await redis.GetDatabase().StringSetAsync("shared:search:" + old.Id, old.ToJson().ToJsonString());
        var a = Instance();

        using var registered = await RegisterAsync(a);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var list = JsonDocument.Parse(await a.GetStringAsync("/searches/list?name=shared"));
        using var fromOther = JsonDocument.Parse(await Instance().GetStringAsync("/searches/list?name=shared"));

        Assert.Equal([old.Id, id], Hashes(list));
        Assert.Equal([old.Id, id], Hashes(fromOther));
    }

    [Fact]
    public async Task RedisStopped_RegisteringIs424_AndAfterItsRestartItWorks()
    {
        var a = Instance();
        _redis.Stop();

        using var whileDown = await RegisterAsync(a);
        _redis.Start();
        var afterRestart = await RetryUntilOkAsync(() => RegisterAsync(a));

        Assert.Equal(HttpStatusCode.FailedDependency, whileDown.StatusCode);
        Assert.Contains("Redis", await whileDown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
    }

    private static string[] Hashes(JsonDocument list) =>
        [.. list.RootElement.GetProperty("searches").EnumerateArray().Select(s => s.GetProperty("search").GetProperty("hash").GetString()!)];

        private Task<HttpResponseMessage> RegisterAsync(HttpClient client) =>
        client.PostAsync($"/searches/register?url={Uri.EscapeDataString(_api.BaseUrl + "/search")}", new StringContent(Body, Encoding.UTF8, "application/json"));

    /// <summary>The client reconnects by itself a moment after Redis is back: bounded retries, 10 s at most.</summary>
    private static async Task<HttpResponseMessage> RetryUntilOkAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.OK || attempt == 100)
                return response;
            response.Dispose();
            await Task.Delay(100);
        }
    }

    private HttpClient Instance()
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-searches-").FullName;
        _folders.Add(folder);
        var server = new ServerFactory($$"""
            {
              "Sources": { "AllowedUrlPrefixes": ["{{_api.BaseUrl}}/"], "AllowedNetworks": ["127.0.0.0/8"] },
              "Searches": { "Directory": "{{folder}}", "StacApi": "{{_api.BaseUrl}}/search" },
              "Cache": { "Redis": { "Configuration": "{{_redis.Configuration}}", "InstanceName": "shared:" } }
            }
            """, opener: null, plugins: true);
        _servers.Add(server);
        return server.CreateClient();
    }
}
