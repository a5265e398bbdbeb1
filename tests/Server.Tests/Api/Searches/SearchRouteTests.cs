using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgcTiler.Server.Tests.Layers.Time;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>
/// The /searches routes besides tiles and documents, ported from titiler-pgstac 1.9's tests/test_searches.py over the
/// loopback STAC API: item-a and item-c cover 3.0–3.0066°E, item-b 3.0033–3.0099°E (29.8247–29.8305°N).
/// </summary>
public sealed class SearchRouteTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private const string Unknown = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Ascending = """ "sortby": [{ "field": "datetime", "direction": "asc" }] """;

    // a square inside every item, as a GeoJSON polygon and as a bbox
    private const string Square = "3.004,29.826,3.006,29.828";
    private const string Feature = """
        { "type": "Feature", "properties": { "name": "square" },
          "geometry": { "type": "Polygon", "coordinates": [[[3.004, 29.826], [3.006, 29.826], [3.006, 29.828], [3.004, 29.828], [3.004, 29.826]]] } }
        """;

    /// <summary>test_searches.py::test_mosaic_list: metadata filter, registration order, sortby, paging links and context.</summary>
    [Fact]
    public async Task List_FiltersOnMetadata_SortsAndPages()
    {
        var data = "list-" + Guid.NewGuid().ToString("N");
        foreach (var num in new[] { 2, 1, 3 })
            await RegisterAsync($$"""{ "collections": ["fixture-s2"], "metadata": { "data": "{{data}}", "num": {{num}} } }""");

        using var all = await ListAsync($"data={data}");
        using var ascending = await ListAsync($"data={data}&sortby=%2Bnum");
        using var plain = await ListAsync($"data={data}&sortby=num");
        using var descending = await ListAsync($"data={data}&sortby=-num");
        using var second = await ListAsync($"data={data}&sortby=num&limit=1&offset=1");
        using var lastused = await host.Client.GetAsync("/searches/list?sortby=lastused");
        using var badLimit = await host.Client.GetAsync("/searches/list?limit=0");

        Assert.Equal(["searches", "links", "context"], all.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"returned":3,"limit":10,"matched":3}""", all.RootElement.GetProperty("context").GetRawText());
        Assert.Equal([2, 1, 3], Nums(all));
        Assert.Equal([1, 2, 3], Nums(ascending));
        Assert.Equal([1, 2, 3], Nums(plain));
        Assert.Equal([3, 2, 1], Nums(descending));
        Assert.Equal([2], Nums(second));
        var links = second.RootElement.GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        var list = $"{host.BaseUrl}/searches/list?data={data}&sortby=num";
        Assert.Equal($"{list}&limit=1&offset=1", links["self"]);
        Assert.Equal($"{list}&limit=1&offset=2", links["next"]);
        Assert.Equal($"{list}&limit=1&offset=0", links["prev"]);
        Assert.Equal(["self"], all.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()));
        var searchLinks = all.RootElement.GetProperty("searches")[0].GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString());
        Assert.Equal(["metadata", "tilejson"], searchLinks);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lastused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLimit.StatusCode);
    }

    /// <summary>
    /// test_searches.py::test_mosaic_list's paging on titiler-pgstac 2.x's <c>GET /searches/</c> (and 1.x's /list):
    /// pages of limit from offset, a page past the end empty; the links as titiler-pgstac 3.1's factory.py
    /// <c>list_searches</c> writes them: next from the page's end whenever the page holds fewer than matched (after
    /// the last page too), prev one limit back, limit and offset kept in their place in the query, else added last;
    /// a repeated metadata filter must hold for every value.
    /// </summary>
    [Fact]
    public async Task List_PagesWithLimitAndOffset_OnBothListRoutes()
    {
        var data = "page-" + Guid.NewGuid().ToString("N");
        foreach (var num in new[] { 1, 2, 3 })
            await RegisterAsync($$"""{ "collections": ["fixture-s2"], "metadata": { "data": "{{data}}", "num": {{num}} } }""");

        using var first = await JsonAsync($"/searches?data={data}&limit=2");
        using var limitFirst = await JsonAsync($"/searches?offset=0&limit=2&data={data}");
        using var last = await JsonAsync($"/searches/?data={data}&limit=2&offset=2");
        using var past = await ListAsync($"data={data}&limit=2&offset=5");
        using var whole = await ListAsync($"data={data}");
        using var both = await ListAsync($"data={data}&data=other");

        Assert.Equal([1, 2], Nums(first));
        Assert.Equal(["self", "next"], Rels(first));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=0", Link(first, "self"));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=2", Link(first, "next"));
        Assert.Equal($"{host.BaseUrl}/searches/list?offset=2&limit=2&data={data}", Link(limitFirst, "next"));
        Assert.Equal([3], Nums(last));
        Assert.Equal(["self", "next", "prev"], Rels(last));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=3", Link(last, "next"));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=0", Link(last, "prev"));
        Assert.Equal("""{"returned":1,"limit":2,"matched":3}""", last.RootElement.GetProperty("context").GetRawText());
        Assert.Empty(Nums(past));
        Assert.Equal(["self", "next", "prev"], Rels(past));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=5", Link(past, "next"));
        Assert.Equal($"{host.BaseUrl}/searches/list?data={data}&limit=2&offset=3", Link(past, "prev"));
        Assert.Equal(["self"], Rels(whole));
        Assert.Empty(Nums(both));
    }

    /// <summary>titiler-pgstac's limit (int, 1..1000) and offset (int, 0 or more): anything else is FastAPI's 422, an empty value too.</summary>
    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=")]
    [InlineData("limit=ten")]
    [InlineData("limit=1.5")]
    [InlineData("offset=-1")]
    [InlineData("offset=")]
    [InlineData("offset=x")]
    public async Task List_WithABadLimitOrOffset_Is422(string query)
    {
        using var list = await host.Client.GetAsync("/searches/list?" + query);
        using var root = await host.Client.GetAsync("/searches?" + query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, list.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, root.StatusCode);
        Assert.Contains(query.Split('=')[0], await list.Content.ReadAsStringAsync());
    }

    /// <summary>titiler-pgstac registers a search again under its id; it keeps its place in the list.</summary>
    [Fact]
    public async Task List_ASearchRegisteredAgain_KeepsItsPlace()
    {
        var data = "again-" + Guid.NewGuid().ToString("N");
        var first = $$"""{ "collections": ["fixture-s2"], "metadata": { "data": "{{data}}", "num": 1 } }""";
        await RegisterAsync(first);
        await RegisterAsync($$"""{ "collections": ["fixture-s2"], "metadata": { "data": "{{data}}", "num": 2 } }""");
        await RegisterAsync(first);

        using var list = await ListAsync($"data={data}");

        Assert.Equal([1, 2], Nums(list));
    }

    /// <summary>test_searches.py::test_assets_for_point: the items under a point, in coord_crs too; none outside; 404 for an unknown id.</summary>
    [Fact]
    public async Task AssetsForPoint_AreTheItemsUnderIt()
    {
        var id = await RegisterAsync($$"""{ "collections": ["fixture-s2"], {{Ascending}} }""");

        using var all = await JsonAsync($"/searches/{id}/point/3.0055,29.826/assets");
        using var eastOnly = await JsonAsync($"/searches/{id}/point/3.0085,29.826/assets");
        using var utm = await JsonAsync($"/searches/{id}/point/500800,3299700/assets?coord_crs=EPSG:32631");
        using var outside = await JsonAsync($"/searches/{id}/point/10,10/assets");
        using var unknown = await host.Client.GetAsync($"/searches/{Unknown}/point/3.0055,29.826/assets");

        Assert.Equal(["item-a", "item-b", "item-c"], Ids(all));
        Assert.Equal(["id", "bbox", "assets", "collection"], all.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("fixture-s2", all.RootElement[0].GetProperty("collection").GetString());
        Assert.Equal(3.0, all.RootElement[0].GetProperty("bbox")[0].GetDouble());
        var b04 = all.RootElement[0].GetProperty("assets").GetProperty("B04");
        Assert.Equal($"{host.Api.BaseUrl}/items/item-a/B04.tif", b04.GetProperty("href").GetString());
        Assert.Equal(["item-b"], Ids(eastOnly));
        Assert.Equal(["item-b"], Ids(utm));
        Assert.Empty(Ids(outside));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"SearchId `{Unknown}` not found", await unknown.Content.ReadAsStringAsync());
    }

    /// <summary>test_searches.py::test_assets_for_tile: the items meeting a tile of WebMercatorQuad or WGS1984Quad.</summary>
    [Fact]
    public async Task AssetsForTile_AreTheItemsMeetingIt()
    {
        var id = await RegisterAsync($$"""{ "collections": ["fixture-s2"], {{Ascending}} }""");

        // z17 tile 66631/54149 spans 3.0075–3.0103°E: item-b only; WGS1984Quad z15 33315/10954 spans 3.0048–3.0103°E: all three
        using var east = await JsonAsync($"/searches/{id}/tiles/WebMercatorQuad/17/66631/54149/assets");
        using var wgs84 = await JsonAsync($"/searches/{id}/tiles/WGS1984Quad/15/33315/10954/assets");
        using var far = await JsonAsync($"/searches/{id}/tiles/WebMercatorQuad/17/0/0/assets");
        using var unknown = await host.Client.GetAsync($"/searches/{Unknown}/tiles/WebMercatorQuad/17/66631/54149/assets");

        Assert.Equal(["item-b"], Ids(east));
        Assert.Equal(["item-a", "item-b", "item-c"], Ids(wgs84));
        Assert.Empty(Ids(far));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>titiler.mosaic's assets_for_bbox over a search, narrowed by datetime as the search's other routes.</summary>
    [Fact]
    public async Task AssetsForBbox_AreTheItemsMeetingIt_WithinTheDatetime()
    {
        var id = await RegisterAsync($$"""{ "collections": ["fixture-s2"], {{Ascending}} }""");

        using var west = await JsonAsync($"/searches/{id}/bbox/3.0,29.825,3.002,29.83/assets");
        using var july = await JsonAsync($"/searches/{id}/bbox/3.0,29.825,3.002,29.83/assets?datetime=2024-07-01T00:00:00Z/..");

        Assert.Equal(["item-a", "item-c"], Ids(west));
        Assert.Equal(["item-c"], Ids(july));
    }

    /// <summary>test_searches.py::test_feature: an image of a GeoJSON feature, sized or not; assets are required.</summary>
    [Fact]
    public async Task Feature_IsTheImageOfItsArea_AsTheBboxRouteGivesIt()
    {
        var id = await RegisterAsync($$"""{ "collections": ["fixture-s2"], {{Ascending}} }""");

        var feature = await PostBytesAsync($"/searches/{id}/feature/40x30.npy?assets=B04", Feature);
        var bbox = await host.Client.GetByteArrayAsync($"/searches/{id}/bbox/{Square}/40x30.npy?assets=B04");
        using var png = await host.Client.PostAsync($"/searches/{id}/feature.png?assets=B04&rescale=0,6000", Json(Feature));
        using var noAssets = await host.Client.PostAsync($"/searches/{id}/feature", Json(Feature));
        using var unknown = await host.Client.PostAsync($"/searches/{Unknown}/feature?assets=B04", Json(Feature));

        Assert.Equal(bbox, feature);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>
    /// test_searches.py::test_statistics: statistics per feature as GeoJSON (a FeatureCollection or a Feature back);
    /// over a search of item-a alone they are /stac's statistics of item-a.
    /// </summary>
    [Fact]
    public async Task Statistics_OfAFeature_AreThoseOfTheItemsMosaic()
    {
        var id = await RegisterAsync("""{ "collections": ["fixture-s2"], "ids": ["item-a"] }""");
        var collection = $$"""{ "type": "FeatureCollection", "features": [{{Feature}}] }""";
        var item = Uri.EscapeDataString($"{host.Api.BaseUrl}/items/item-a/item-a.json");

        using var search = await host.Client.PostAsync($"/searches/{id}/statistics?assets=B04", Json(collection));
        using var single = JsonDocument.Parse(await PostBytesAsync($"/searches/{id}/statistics?assets=B04", Feature));
        using var stac = JsonDocument.Parse(await PostBytesAsync($"/stac/statistics?url={item}&assets=B04", collection));
        using var noAssets = await host.Client.PostAsync($"/searches/{id}/statistics", Json(collection));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal("application/geo+json", search.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await search.Content.ReadAsStringAsync());
        var statistics = json.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("statistics");
        Assert.Equal(["b1"], statistics.EnumerateObject().Select(p => p.Name));   // TiTiler 2.x's name, described as B04_b1
        Assert.True(statistics.GetProperty("b1").GetProperty("count").GetDouble() > 0);
        Assert.Equal(stac.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("statistics").GetRawText(), statistics.GetRawText());
        Assert.Equal("Feature", single.RootElement.GetProperty("type").GetString());
        Assert.Equal(statistics.GetRawText(), single.RootElement.GetProperty("properties").GetProperty("statistics").GetRawText());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
    }

    private static int[] Nums(JsonDocument list) =>
        [.. list.RootElement.GetProperty("searches").EnumerateArray().Select(s => s.GetProperty("search").GetProperty("metadata").GetProperty("num").GetInt32())];

    private static string[] Rels(JsonDocument list) => [.. list.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()!)];

    private static string Link(JsonDocument list, string rel) =>
        list.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == rel).GetProperty("href").GetString()!;

    private static string[] Ids(JsonDocument assets) => [.. assets.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private async Task<JsonDocument> ListAsync(string query) => await JsonAsync("/searches/list?" + query);

    private async Task<JsonDocument> JsonAsync(string path) => JsonDocument.Parse(await host.Client.GetStringAsync(path));

    private async Task<byte[]> PostBytesAsync(string path, string body)
    {
        using var response = await host.Client.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<string> RegisterAsync(string body)
    {
        using var response = await host.Client.PostAsync($"/searches/register?url={Uri.EscapeDataString(host.Api.BaseUrl + "/search")}", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
