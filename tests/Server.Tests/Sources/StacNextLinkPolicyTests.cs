using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Server.Tests.Api;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Sources;

/// <summary>
/// A stac-search layer over a STAC API on the <see cref="FaultServer"/>: the <c>next</c> link of its first page comes
/// from a document an outsider may control, so it is checked against Sources:AllowedUrlPrefixes like any URL. A next
/// link to another port (the canary) or to a path outside the prefix is refused and never requested.
/// </summary>
public sealed class StacNextLinkPolicyTests : IAsyncLifetime
{
    private FaultServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FaultServer.StartAsync(File.ReadAllBytes(RealCogs.Path("visual.tif")));

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [InlineData("canary")]
    [InlineData("outside")]
    public async Task NextLink_ToADisallowedPlace_IsRefused_AndNeverRequested(string where)
    {
        var next = where == "canary" ? _upstream.Canary!.Url("api/search?page=2") : _upstream.BaseUrl + "outside/search?page=2";
        await using var server = Server(SearchPage(next));

        var response = await server.CreateClient().GetAsync("/layers/mosaic/tiles/WebMercatorQuad/0/0/0.png");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, body);
        Assert.Contains("does not start with an allowed prefix", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.True(_upstream.Requests("/cogs/api/search") >= 1, "the first page was never asked");
        Assert.Equal(0, _upstream.Canary!.TotalRequests);
        Assert.Equal(0, _upstream.Requests("/outside/search"));
    }

    /// <summary>The same search with its next link inside the prefix is followed: the refusal above is the policy's.</summary>
    [Fact]
    public async Task NextLink_InsideThePrefix_IsFollowed()
    {
        _upstream.Add("api/page2/search", Encoding.UTF8.GetBytes("""{ "type": "FeatureCollection", "features": [], "links": [] }"""));
        await using var server = Server(SearchPage(_upstream.Url("api/page2/search")));

        var response = await server.CreateClient().GetAsync("/layers/mosaic/tiles/WebMercatorQuad/0/0/0.png");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.True(_upstream.Requests("/cogs/api/page2/search") >= 1, "the next page was never asked");
    }

    private ServerFactory Server(string firstPage)
    {
        var search = _upstream.Add("api/search", Encoding.UTF8.GetBytes(firstPage));
        return new ServerFactory($$"""
            {
              "Sources": { "AllowedRoots": [], "AllowedUrlPrefixes": ["{{_upstream.Prefix}}"], "AllowedNetworks": ["127.0.0.1/32"] },
              "Cache": { "Tiles": { "Enabled": false } },
              "Layers": [ { "Id": "mosaic", "Source": { "Type": "stac-search", "Url": "{{search}}", "method": "GET", "max_items": "10", "assets": "visual" } } ]
            }
            """, opener: null, plugins: true);
    }

    /// <summary>An ItemCollection of the test item (its asset on the upstream) with a next link to <paramref name="next"/>.</summary>
    private string SearchPage(string next)
    {
        var item = JsonNode.Parse(File.ReadAllText(RealCogs.Path("item.json")).Replace("./visual.tif", _upstream.Url("ok.tif")))!;
        return new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(item),
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "next", ["href"] = next }),
        }.ToJsonString();
    }
}
