using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Stac;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>
/// Registered searches over the loopback STAC API (items a, b, c of tests/data/stac), after titiler-pgstac's
/// tests/test_searches.py (register links, info with metadata type mosaic, tilejson minzoom/maxzoom from metadata,
/// metadata defaults as links, unknown id 404, tiles/tilejson/WMTS need assets, bbox images) plus what a STAC API
/// backend adds: the mosaic equals gdalwarp's, datetime narrows, the search is checked against the API at register.
/// </summary>
public sealed class SearchEndpointTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private const int Row = 6768, Col = 8328;
    private const string Unknown = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    // a point where items a, b and c all hold data
    private const string Lon = "3.0055", Lat = "29.826", Point = Lon + "," + Lat;

    [Fact]
    public async Task Register_GivesAnIdAndLinks_AndInfoReturnsTheSearchWithMosaicMetadata()
    {
        var (id, body) = await RegisterAsync("""{ "collections": ["fixture-s2"], "metadata": { "name": "fixture" } }""");

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(["metadata", "tilejson", "map", "wmts"], body.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()));
        using var info = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/info"));
        var search = info.RootElement.GetProperty("search");
        Assert.Equal(id, search.GetProperty("hash").GetString());
        Assert.Equal("""{"collections":["fixture-s2"]}""", search.GetProperty("search").GetRawText());
        Assert.Equal("""{"name":"fixture","type":"mosaic"}""", search.GetProperty("metadata").GetRawText());
        Assert.Equal($"{host.BaseUrl}/searches/{id}/info", info.RootElement.GetProperty("links")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task Register_TheSameSearch_GivesTheSameId_WhateverTheMemberOrder_AndOtherMetadataAnother()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "datetime": "2024-01-01T00:00:00Z/..", "metadata": { "name": "x" } }""");
        var (reordered, _) = await RegisterAsync("""{ "metadata": { "name": "x" }, "datetime": "2024-01-01T00:00:00Z/..", "collections": ["fixture-s2"] }""");
        var (other, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "datetime": "2024-01-01T00:00:00Z/..", "metadata": { "name": "y" } }""");

        Assert.Equal(id, reordered);
        Assert.NotEqual(id, other);
    }

    [Fact]
    public async Task Register_RunsTheSearchOnce_AndKeepsASearchWithoutItemsToday()
    {
        var before = host.Api.Requests.Count(r => r.PathAndQuery.StartsWith("/search"));
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "datetime": "2031-01-01T00:00:00Z/.." }""");

        Assert.Equal(before + 1, host.Api.Requests.Count(r => r.PathAndQuery.StartsWith("/search")));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/searches/{id}/info")).StatusCode);
        using var tile = await host.Client.GetAsync($"/searches/{id}/tiles/WebMercatorQuad/14/{Col}/{Row}.png?assets=B04");
        Assert.Equal(HttpStatusCode.NotFound, tile.StatusCode);
    }

    [Fact]
    public async Task Register_AgainstAFailingStacApi_Is424WithTheUpstreamReason()
    {
        using var response = await PostRegisterAsync(host.Api.BaseUrl + "/failing/search", """{ "collections": ["fixture-s2"] }""");

        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("search backend down", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "collection": ["typo"] }""", "'collection' is not a STAC API search parameter")]
    [InlineData("""{ "metadata": "name" }""", "metadata must be a JSON object")]
    [InlineData("""{ "bbox": [10, 50, 11] }""", "4 numbers")]
    [InlineData("""{ "filter-lang": "cql-text", "filter": "eo:cloud_cover < 10" }""", "cql2-json")]
    [InlineData("""{ "datetime": "yesterday" }""", "datetime")]
    public async Task BadRegistration_Is422ProblemJson_NamingTheProblem(string body, string problem)
    {
        using var response = await PostRegisterAsync(host.Api.BaseUrl + "/search", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_WithoutUrlOrConfiguredStacApi_Is422()
    {
        using var response = await host.Client.PostAsync("/searches/register", Json("""{ "collections": ["fixture-s2"] }"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("url: required", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/info")]
    [InlineData("/tiles/WebMercatorQuad/14/8328/6768.png?assets=B04")]
    [InlineData("/WebMercatorQuad/tilejson.json?assets=B04")]
    [InlineData("/WebMercatorQuad/WMTSCapabilities.xml?assets=B04")]
    [InlineData("/point/3.0055,29.826?assets=B04")]
    public async Task UnknownSearch_Is404(string route)
    {
        using var response = await host.Client.GetAsync($"/searches/{Unknown}{route}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"SearchId `{Unknown}` not found", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/tiles/WebMercatorQuad/14/8328/6768.png")]
    [InlineData("/WebMercatorQuad/tilejson.json")]
    [InlineData("/WebMercatorQuad/WMTSCapabilities.xml")]
    [InlineData("/WebMercatorQuad/map.html")]   // test_searches.py::test_map
    public async Task WithoutAssetsOrExpression_Is422(string route)
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        using var response = await host.Client.GetAsync($"/searches/{id}{route}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("assets must be defined", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bbox_InWebMercator_IsGdalwarpsFirstMosaicOfTheItems()
    {
        var reference = JsonNode.Parse(File.ReadAllText(RepoPaths.Data("stac", "mosaic", "first-3857-B04.json")))!;
        var b = string.Join(',', reference["bounds"]!.AsArray().Select(n => n!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)));
        var raw = File.ReadAllBytes(RepoPaths.Data("stac", "mosaic", "first-3857-B04.u16"));
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "sortby": [{ "field": "datetime", "direction": "asc" }] }""");

        var npy = NpyFile.Parse(await host.Client.GetByteArrayAsync(
            $"/searches/{id}/bbox/{b}/96x64.npy?assets=B04&coord_crs=epsg:3857&dst_crs=epsg:3857"));

        Assert.Equal([2, 64, 96], npy.Shape);
        var (different, valid) = (0, 0);
        for (var p = 0; p < 96 * 64; p++)
        {
            var expected = BitConverter.ToUInt16(raw, 2 * p);
            valid += expected == 0 ? 0 : 1;
            if ((expected == 0 ? 0 : 255) != npy.Values[96 * 64 + p] || (expected != 0 && expected != npy.Values[p]))
                different++;
        }
        Assert.True(valid > 4000, $"only {valid} valid pixels in the reference");
        Assert.Equal(0, different);
    }

    [Fact]
    public async Task Tile_WithDatetime_IsTheTimeLayersTileOfThatDate()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        var search = await host.Client.GetByteArrayAsync(
            $"/searches/{id}/tiles/WebMercatorQuad/14/{Col}/{Row}.png?assets=B04&rescale=0,6000&datetime=2024-01-15T00:00:00Z/2024-01-15T23:59:59Z");
        var layer = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/2024-01-15/WebMercatorQuad/14/{Row}/{Col}.png");
        var otherDate = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/2024-07-23/WebMercatorQuad/14/{Row}/{Col}.png");

        Assert.Equal(layer, search);
        Assert.NotEqual(otherDate, search);
    }

    [Fact]
    public async Task Datetime_NarrowsTheRegisteredInterval_AndOutsideItIs404()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "datetime": "2024-04-01T00:00:00Z/2024-12-31T23:59:59Z" }""");

        using var narrowed = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/point/{Point}?assets=B04&datetime=2024-07-01T00:00:00Z/.."));
        using var all = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/point/{Point}?assets=B04"));
        using var outside = await host.Client.GetAsync($"/searches/{id}/point/{Point}?assets=B04&datetime=2024-01-01T00:00:00Z/2024-02-01T00:00:00Z");

        // the registered interval holds items b (April) and c (July), the request's only c; item-a (January) is in
        // the request's interval of the 404 but not in the registered one
        Assert.Equal(await ValueAsync("item-c"), narrowed.RootElement.GetProperty("values")[0].GetDouble());
        Assert.Equal(await ValueAsync("item-b"), all.RootElement.GetProperty("values")[0].GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Timeseries_OfTheSearch_IsTheSeriesOfItsItemsListed()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");
        const string Query = "bbox=" + TimeLayerServer.ItemBox + "&coord_crs=EPSG:32631&p=50&expression=(B08-B04)/(B08%2BB04)&asset_as_band=true";
        var items = string.Join('&', new[] { "item-a", "item-b", "item-c" }.Select(i => "url=" + Uri.EscapeDataString($"{host.Api.BaseUrl}/items/{i}/{i}.json")));

        using var search = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/timeseries?{Query}"));
        using var listed = JsonDocument.Parse(await host.Client.GetStringAsync($"/stac/timeseries?{items}&{Query}"));
        using var unknown = await host.Client.GetAsync($"/searches/{Unknown}/timeseries?{Query}");

        var dates = search.RootElement.GetProperty("series");
        Assert.Equal(3, dates.GetArrayLength());
        Assert.Equal(listed.RootElement.GetProperty("series").GetRawText(), dates.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Point_ReadsTheFirstItemWithDataInSearchOrder()
    {
        var (ascending, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "sortby": [{ "field": "datetime", "direction": "asc" }] }""");
        var (descending, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "sortby": [{ "field": "datetime", "direction": "desc" }] }""");

        using var first = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{ascending}/point/{Point}?assets=B04"));
        using var last = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{descending}/point/{Point}?assets=B04"));

        Assert.Equal(await ValueAsync("item-a"), first.RootElement.GetProperty("values")[0].GetDouble());
        Assert.Equal(await ValueAsync("item-c"), last.RootElement.GetProperty("values")[0].GetDouble());
    }

    [Fact]
    public async Task TileJson_PointsAtTheSearchTiles_WithZoomsFromTheMetadata()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"], "metadata": { "minzoom": 12, "maxzoom": 15 } }""");
        var (plain, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        using var tileJson = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/WebMercatorQuad/tilejson.json?assets=B04"));
        using var given = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/WebMercatorQuad/tilejson.json?assets=B04&minzoom=3"));
        using var plainJson = JsonDocument.Parse(await host.Client.GetStringAsync($"/searches/{plain}/WebMercatorQuad/tilejson.json?assets=B04"));

        Assert.StartsWith($"{host.BaseUrl}/searches/{id}/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}?assets=B04", tileJson.RootElement.GetProperty("tiles")[0].GetString());
        Assert.Equal((12, 15), (tileJson.RootElement.GetProperty("minzoom").GetInt32(), tileJson.RootElement.GetProperty("maxzoom").GetInt32()));
        Assert.Equal(3, given.RootElement.GetProperty("minzoom").GetInt32());
        Assert.NotEqual(12, plainJson.RootElement.GetProperty("minzoom").GetInt32());
        var bounds = tileJson.RootElement.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(3.0, bounds[0], 6);   // item-a's west edge: the union of the three items
    }

    [Fact]
    public async Task MetadataDefaults_BecomeTileJsonLinksWithTheirRenderOptions()
    {
        var (id, body) = await RegisterAsync("""
            { "collections": ["fixture-s2"],
              "metadata": { "defaults": { "red": { "assets": "B04", "rescale": "0,6000" }, "false_color": { "assets": ["B08", "B04", "B03"] } } } }
            """);

        var links = body.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(6, links.Count);
        Assert.Equal("TileJSON link for `red` layer", links[4].GetProperty("title").GetString());
        var href = links[5].GetProperty("href").GetString()!;
        Assert.Equal($"{host.BaseUrl}/searches/{id}/WebMercatorQuad/tilejson.json?assets=B08&assets=B04&assets=B03", href);
        using var tileJson = JsonDocument.Parse(await host.Client.GetStringAsync(href));
        Assert.Contains("assets=B08&assets=B04&assets=B03", tileJson.RootElement.GetProperty("tiles")[0].GetString());
    }

    [Fact]
    public async Task WmtsCapabilities_HasTheSearchTileTemplate()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        var xml = XDocument.Parse(await host.Client.GetStringAsync($"/searches/{id}/WebMercatorQuad/WMTSCapabilities.xml?assets=B04"));

        XNamespace wmts = "http://www.opengis.net/wmts/1.0";
        var template = xml.Descendants(wmts + "ResourceURL").Single().Attribute("template")!.Value;
        Assert.StartsWith($"{host.BaseUrl}/searches/{id}/tiles/WebMercatorQuad/{{TileMatrix}}/{{TileCol}}/{{TileRow}}.png?assets=B04", template);
    }

    [Fact]
    public async Task MapViewer_NamesTheSearchRoutes_ForItsScript()
    {
        var (id, _) = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        var html = await host.Client.GetStringAsync($"/searches/{id}/WebMercatorQuad/map.html?assets=B04");

        Assert.Contains($"{{\"kind\":\"search\",\"routes\":\"/searches/{id}\"", html);
    }

    [Fact]
    public async Task RegisteredSearches_SurviveARestart_AndTheConfiguredStacApiIsTheDefaultUrl()
    {
        var config = TimeLayerServer.Config(host.Api.BaseUrl, host.SearchesFolder)
            .Replace("\"Searches\": {", $"\"Searches\": {{ \"StacApi\": \"{host.Api.BaseUrl}/search\",");
        string id;
        await using (var first = new ServerFactory(config, opener: null, plugins: true))
        {
            using var response = await first.CreateClient().PostAsync("/searches/register",
                Json("""{ "collections": ["fixture-s2"], "datetime": "2024-07-01T00:00:00Z/2024-07-31T23:59:59Z" }"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        await using var restarted = new ServerFactory(config, opener: null, plugins: true);
        using var client = restarted.CreateClient();
        using var info = JsonDocument.Parse(await client.GetStringAsync($"/searches/{id}/info"));
        using var point = JsonDocument.Parse(await client.GetStringAsync($"/searches/{id}/point/{Point}?assets=B04"));

        Assert.Equal($"{host.Api.BaseUrl}/search", info.RootElement.GetProperty("search").GetProperty("stac_api").GetString());
        Assert.Equal(await ValueAsync("item-c"), point.RootElement.GetProperty("values")[0].GetDouble());
    }

    /// <summary>An item's B04 value at the point, as GDAL reads it from the item's COG (0 where it has no data).</summary>
    private static async Task<double> ValueAsync(string item) => double.Parse(await ExternalProcess.RunCheckedAsync("gdallocationinfo",
        "-valonly", "-wgs84", Path.Combine(LoopbackStacApi.ItemsFolder, item, "B04.tif"), Lon, Lat), CultureInfo.InvariantCulture);

    private async Task<(string Id, JsonElement Body)> RegisterAsync(string body)
    {
        using var response = await PostRegisterAsync(host.Api.BaseUrl + "/search", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetString()!, json);
    }

    private Task<HttpResponseMessage> PostRegisterAsync(string stacApi, string body) =>
        host.Client.PostAsync($"/searches/register?url={Uri.EscapeDataString(stacApi)}", Json(body));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
