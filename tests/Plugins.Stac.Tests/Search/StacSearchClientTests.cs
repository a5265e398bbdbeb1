using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Stac.Search;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using OgcTiler.TestSupport.Stac;

namespace OgcTiler.Plugins.Stac.Tests.Search;

[Collection("stac-api")]
public class StacSearchClientTests(StacApiFixture fixture)
{
    private readonly StacSearchClient _client = new(new FakePluginHost());

    private LoopbackStacApi Api => fixture.Api;

    private async Task<(string[] Ids, List<(string Method, string PathAndQuery, string Body)> Requests)> Search(
        string path, params (string Key, string Value)[] options)
    {
        var before = Api.Requests.Count;
        var items = await _client.SearchAsync(Api.BaseUrl + path, SearchOptionsParser.Parse(options.ToDictionary(o => o.Key, o => o.Value)), default);
        return ([.. items.Select(i => i.Id)], [.. Api.Requests.Skip(before)]);
    }

    [Fact]
    public async Task PostSearch_FollowsNextLinksMergingTheirBody()
    {
        var (ids, requests) = await Search("/search", ("collections", "fixture-s2"), ("limit", "1"));

        Assert.Equal(["item-a", "item-b", "item-c"], ids);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        var last = JsonNode.Parse(requests[2].Body)!;
        Assert.Equal(2, last["token"]!.GetValue<int>());
        Assert.Equal("fixture-s2", last["collections"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSearch_FollowsNextUrls()
    {
        var (ids, requests) = await Search("/search", ("method", "GET"), ("bbox", "2,29,4,30"), ("limit", "2"));

        Assert.Equal(["item-a", "item-b", "item-c"], ids);
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("/search?bbox=2%2C29%2C4%2C30&limit=2", requests[0].PathAndQuery);
        Assert.Contains("token=2", requests[1].PathAndQuery);
        Assert.Contains("bbox=2%2C29%2C4%2C30", requests[1].PathAndQuery);
    }

    [Fact]
    public async Task MaxItems_CapsTheItemsAndThePages()
    {
        var (ids, requests) = await Search("/search", ("limit", "1"), ("max_items", "2"));

        Assert.Equal(["item-a", "item-b"], ids);
        Assert.Equal(2, requests.Count);
    }

    [Theory]
    [InlineData("POST", "../2024-02-01T00:00:00Z", "item-a")]
    [InlineData("GET", "2024-04-01T00:00:00Z/..", "item-b,item-c")]
    [InlineData("POST", "2024-04-14T08:42:51Z", "item-b")]
    [InlineData("GET", "2024-01-01T00:00:00Z/2024-05-01T00:00:00Z", "item-a,item-b")]
    public async Task Datetime_SelectsItems(string method, string datetime, string expected)
    {
        var (ids, _) = await Search("/search", ("method", method), ("datetime", datetime));

        Assert.Equal(expected.Split(','), ids);
    }

    [Theory]
    [InlineData("POST", """{"eo:cloud_cover": {"lt": 20}}""", "item-a,item-c")]
    [InlineData("GET", """{"eo:cloud_cover": {"gte": 12, "lte": 40}}""", "item-b,item-c")]
    [InlineData("POST", """{"platform": {"in": ["sentinel-2b"]}}""", "item-b")]
    [InlineData("GET", """{"platform": {"neq": "sentinel-2b"}}""", "item-a,item-c")]
    [InlineData("POST", """{"platform": {"eq": "sentinel-2a"}, "eo:cloud_cover": {"gt": 10}}""", "item-c")]
    public async Task Query_SelectsItems(string method, string query, string expected)
    {
        var (ids, _) = await Search("/search", ("method", method), ("query", query));

        Assert.Equal(expected.Split(','), ids);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Cql2Filter_IsPassedThroughWithItsLanguage(string method)
    {
        var (ids, requests) = await Search("/search", ("method", method), ("filter", """{"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]}"""));

        Assert.Equal(["item-a"], ids);
        Assert.Contains("cql2-json", method == "GET" ? requests[0].PathAndQuery : requests[0].Body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Sortby_OrdersTheItems(string method)
    {
        var (ids, _) = await Search("/search", ("method", method), ("sortby", "-properties.eo:cloud_cover"));

        Assert.Equal(["item-b", "item-c", "item-a"], ids);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Intersects_SelectsItemsUnderTheGeometry(string method)
    {
        var (ids, _) = await Search("/search", ("method", method), ("intersects", """{"type": "Point", "coordinates": [3.009, 29.827]}"""));

        Assert.Equal(["item-b"], ids);
    }

    [Fact]
    public async Task ItemsOfASearch_ResolveRelativeAssetHrefsAgainstTheirSelfLinks()
    {
        var items = await _client.SearchAsync(Api.BaseUrl + "/search", SearchOptionsParser.Parse(new Dictionary<string, string> { ["ids"] = "item-c" }), default);

        Assert.Equal($"{Api.BaseUrl}/items/item-c/B08.tif", items[0].Assets["B08"].Href);
    }

    [Fact]
    public async Task LandingPage_IsSearchedThroughItsSearchLink()
    {
        var (ids, requests) = await Search("/", ("ids", "item-b"));

        Assert.Equal(["item-b"], ids);
        Assert.Equal(("POST", "/search"), (requests[1].Method, requests[1].PathAndQuery));
    }

    [Fact]
    public async Task StaticCollection_IsWalkedAndFilteredLocally()
    {
        var (ids, _) = await Search("/collection.json", ("datetime", "2024-04-01T00:00:00Z/.."));

        Assert.Equal(["item-b", "item-c"], ids);
    }

    [Fact]
    public async Task StaticCatalog_FollowsChildLinks()
    {
        var (ids, _) = await Search("/catalog.json", ("bbox", "3.008,29.82,3.02,29.83"));

        Assert.Equal(["item-b"], ids);
    }

    [Fact]
    public async Task StaticCatalog_RefusesApiOnlyParameters()
    {
        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() => Search("/collection.json", ("query", """{"platform": {"eq": "x"}}""")));

        Assert.Equal("query", ex.Parameter);
        Assert.Contains("needs a STAC API", ex.Message);
    }

    [Fact]
    public async Task FailingApi_IsAnUpstreamErrorWithStatusAndReason()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => Search("/failing/search", ("method", "GET")));

        Assert.Equal(503, ex.UpstreamStatus);
        Assert.Contains("search backend down", ex.Message);
    }

    [Fact]
    public async Task ResponseWithoutFeatures_IsAnUpstreamError()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            _client.SearchAsync(Api.BaseUrl + "/no-features/search", StacSearchParameters.Empty with { Method = HttpMethod.Get }, default));

        Assert.StartsWith($"STAC search GET {Api.BaseUrl}/no-features/search?limit=100 did not return an ItemCollection", ex.Message);
    }
}
