using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OgcTiler.TestSupport.Stac;

/// <summary>
/// A STAC API on Kestrel at 127.0.0.1 (free port) over the fixture items of tests/data/stac/items: landing page,
/// GET and POST /search (see <see cref="FixtureSearch"/>), the collection fixture-s2, the item files, a static catalog,
/// and broken endpoints.
/// </summary>
public sealed class LoopbackStacApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackStacApi(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static string ItemsFolder => RepoPaths.Data("stac", "items");

    /// <summary>Every request: method, path and query, body.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, string Body)> Requests { get; } = new();

    public static async Task<LoopbackStacApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackStacApi? api = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            api!.Requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, body));
            await next();
        });
        app.MapGet("/", () => Json(api!.Landing()));
        app.MapGet("/search", (HttpRequest r) => Json(api!.Search(FixtureSearch.FromQuery(r.Query))));
        app.MapPost("/search", async (HttpRequest r) =>
            Json(api!.Search(FixtureSearch.FromBody((JsonObject)(await JsonNode.ParseAsync(r.Body))!))));
        app.MapGet("/items/{id}/{file}", (string id, string file) => Fixture(id, file));
        app.MapGet("/collection.json", () => Json(api!.Collection()));
        app.MapGet("/collections/{id}", (string id) => id == "fixture-s2" ? Json(ApiCollection()) : Results.NotFound());
        app.MapGet("/catalog.json", () => Json(new JsonObject
        {
            ["type"] = "Catalog", ["id"] = "root", ["stac_version"] = "1.0.0", ["description"] = "static root",
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "child", ["href"] = "./collection.json" }),
        }));
        app.MapGet("/not-json.json", () => Results.Text("<html>gateway error</html>", "text/html"));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/no-features/search", () => Json(new JsonObject { ["type"] = "Catalog", ["id"] = "not a search" }));
        app.MapMethods("/failing/search", ["GET", "POST"], () => Results.Problem("search backend down", statusCode: 503));
        await app.StartAsync();
        var address = app.Urls.First();
        api = new LoopbackStacApi(app, address.TrimEnd('/'));
        return api;
    }

    public static IEnumerable<JsonObject> FixtureItems() =>
        Directory.GetDirectories(ItemsFolder).Order()
            .Select(d => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(d, Path.GetFileName(d) + ".json")))!);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private JsonObject Landing() => new()
    {
        ["type"] = "Catalog", ["id"] = "loopback", ["stac_version"] = "1.0.0", ["description"] = "test STAC API",
        ["conformsTo"] = new JsonArray("https://api.stacspec.org/v1.0.0/item-search"),
        ["links"] = new JsonArray(
            new JsonObject { ["rel"] = "self", ["href"] = BaseUrl + "/" },
            new JsonObject { ["rel"] = "search", ["href"] = BaseUrl + "/search", ["method"] = "POST" }),
    };

    private JsonObject Collection() => new()
    {
        ["type"] = "Collection", ["id"] = "fixture-s2", ["stac_version"] = "1.0.0", ["description"] = "static collection",
        ["links"] = new JsonArray([.. FixtureItems().Select(i => (JsonNode)new JsonObject
        {
            ["rel"] = "item", ["href"] = $"./items/{i["id"]}/{i["id"]}.json",
        })]),
    };

    /// <summary>
    /// The API's fixture-s2 collection: the items' extent, their assets as item_assets, and one render (the render
    /// extension's title, minmax_zoom and tilematrixsets among its options).
    /// </summary>
    private static JsonObject ApiCollection()
    {
        var items = FixtureItems().ToList();
        double Bound(int i, Func<IEnumerable<double>, double> pick) => pick(items.Select(item => item["bbox"]![i]!.GetValue<double>()));
        return new JsonObject
        {
            ["type"] = "Collection", ["id"] = "fixture-s2", ["stac_version"] = "1.0.0", ["description"] = "API collection",
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(Bound(0, Enumerable.Min), Bound(1, Enumerable.Min), Bound(2, Enumerable.Max), Bound(3, Enumerable.Max))) },
                ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray("2024-01-15T08:44:29Z", "2024-07-23T08:44:29Z")) },
            },
            ["item_assets"] = new JsonObject([.. ((JsonObject)items[0]["assets"]!).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject { ["type"] = "image/tiff" }))]),
            ["renders"] = new JsonObject
            {
                ["red"] = new JsonObject
                {
                    ["title"] = "Red band", ["assets"] = new JsonArray("B04"), ["rescale"] = new JsonArray(new JsonArray(0, 6000)),
                    ["minmax_zoom"] = new JsonArray(12, 18), ["tilematrixsets"] = new JsonObject { ["WebMercatorQuad"] = new JsonArray(12, 18) },
                },
            },
            ["links"] = new JsonArray(),
        };
    }

    private JsonObject Search(FixtureSearch search)
    {
        var matched = search.Apply(FixtureItems()).ToList();
        var page = matched.Skip(search.Token).Take(search.Limit).Select(WithAbsoluteSelfLink).ToList();
        var links = new JsonArray();
        if (search.Token + search.Limit < matched.Count)
            links.Add(search.NextLink(BaseUrl + "/search", search.Token + search.Limit));
        return new JsonObject
        {
            ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. page]), ["links"] = links,
            ["numberMatched"] = matched.Count, ["numberReturned"] = page.Count,
        };
    }

    private JsonNode WithAbsoluteSelfLink(JsonObject item)
    {
        item["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = $"{BaseUrl}/items/{item["id"]}/{item["id"]}.json" });
        return item;
    }

    private static IResult Fixture(string id, string file)
    {
        var path = Path.Combine(ItemsFolder, Path.GetFileName(id), Path.GetFileName(file));
        if (!File.Exists(path))
            return Results.NotFound();
        return Results.File(path, file.EndsWith(".json") ? "application/geo+json" : "image/tiff", enableRangeProcessing: true);
    }

    private static IResult Json(JsonObject json) => Results.Text(json.ToJsonString(), "application/geo+json");
}
