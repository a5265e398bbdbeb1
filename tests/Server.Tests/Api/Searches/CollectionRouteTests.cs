using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>
/// titiler-pgstac's /collections/{collection_id} routes over the configured STAC API (the loopback API's fixture-s2:
/// item-a and item-c cover 3.0–3.0066°E, item-b 3.0033–3.0099°E), ported from titiler-pgstac 3.1's
/// tests/test_collections.py; a collection's routes answer as those of the registered search {collections: [id]}.
/// </summary>
public sealed class CollectionRouteTests(CollectionServer host) : IClassFixture<CollectionServer>
{
    private const string Collection = "/collections/fixture-s2";
    private const string Unknown = "/collections/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Point = "3.0055,29.826";
    private const string Tile = "14/8328/6768";
    private const string Feature = """
        { "type": "Feature", "properties": {},
          "geometry": { "type": "Polygon", "coordinates": [[[3.004, 29.826], [3.006, 29.826], [3.006, 29.828], [3.004, 29.828], [3.004, 29.826]]] } }
        """;

    /// <summary>test_collections.py::test_assets_for_point_collections: the items under a point, in coord_crs too; an unknown collection is 404.</summary>
    [Fact]
    public async Task AssetsForPoint_AreTheCollectionsItemsUnderIt()
    {
        using var all = await JsonAsync($"{Collection}/point/{Point}/assets");
        using var utm = await JsonAsync($"{Collection}/point/500800,3299700/assets?coord_crs=EPSG:32631");
        using var unknown = await host.Client.GetAsync($"{Unknown}/point/{Point}/assets");

        Assert.Equal(["item-a", "item-b", "item-c"], Ids(all));
        Assert.Equal(["id", "bbox", "assets", "collection"], all.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["item-b"], Ids(utm));
        await AssertNotFoundAsync(unknown);
    }

    /// <summary>test_collections.py::test_assets_for_tile_collections and test_assets_for_bbox_collections.</summary>
    [Fact]
    public async Task AssetsForTileAndBbox_AreTheItemsMeetingThem()
    {
        using var east = await JsonAsync($"{Collection}/tiles/WebMercatorQuad/17/66631/54149/assets");
        using var wgs84 = await JsonAsync($"{Collection}/tiles/WGS1984Quad/15/33315/10954/assets");
        using var west = await JsonAsync($"{Collection}/bbox/3.0,29.825,3.002,29.83/assets");
        using var unknownTile = await host.Client.GetAsync($"{Unknown}/tiles/WebMercatorQuad/17/66631/54149/assets");
        using var unknownBbox = await host.Client.GetAsync($"{Unknown}/bbox/3.0,29.825,3.002,29.83/assets");

        Assert.Equal(["item-b"], Ids(east));
        Assert.Equal(["item-a", "item-b", "item-c"], Ids(wgs84));
        Assert.Equal(["item-a", "item-c"], Ids(west));
        await AssertNotFoundAsync(unknownTile);
        await AssertNotFoundAsync(unknownBbox);
    }

    /// <summary>test_collections.py::test_tilejson_collections: assets required (422); tiles under the collection with the query kept; 404 when unknown.</summary>
    [Fact]
    public async Task TileJson_PointsAtTheCollectionsTiles_WithItsQuery()
    {
        using var noAssets = await host.Client.GetAsync($"{Collection}/WebMercatorQuad/tilejson.json");
        using var tileJson = await JsonAsync($"{Collection}/WebMercatorQuad/tilejson.json?assets=B04");
        using var expression = await JsonAsync($"{Collection}/WebMercatorQuad/tilejson.json?assets=B04&expression=B04*2");
        using var png = await JsonAsync($"{Collection}/WebMercatorQuad/tilejson.json?assets=B04&tile_format=png&ids=item-b");
        using var unknown = await host.Client.GetAsync($"{Unknown}/WebMercatorQuad/tilejson.json?assets=B04");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
        Assert.StartsWith($"{host.BaseUrl}{Collection}/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}?assets=B04", Tiles(tileJson));
        Assert.Contains("?assets=B04&expression=B04%2A2", Tiles(expression));
        Assert.StartsWith($"{host.BaseUrl}{Collection}/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}.png?assets=B04&ids=item-b", Tiles(png));
        var bounds = tileJson.RootElement.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(3.0, bounds[0], 6);
        var itemB = png.RootElement.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(3.0033121, itemB[0], 6);   // ids narrows the mosaic to item-b
        await AssertNotFoundAsync(unknown);
    }

    /// <summary>
    /// test_collections.py::test_tiles_collections: assets required; a tile of the collection is the tile of the
    /// registered search {collections: [fixture-s2]} (PNG and GeoTIFF in WebMercatorQuad); unknown is 404.
    /// </summary>
    [Fact]
    public async Task Tile_IsTheRegisteredSearchsTile()
    {
        var id = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");

        using var noAssets = await host.Client.GetAsync($"{Collection}/tiles/WebMercatorQuad/{Tile}");
        var png = await host.Client.GetByteArrayAsync($"{Collection}/tiles/WebMercatorQuad/{Tile}.png?assets=B04&rescale=0,6000");
        var searchPng = await host.Client.GetByteArrayAsync($"/searches/{id}/tiles/WebMercatorQuad/{Tile}.png?assets=B04&rescale=0,6000");
        using var tif = await host.Client.GetAsync($"{Collection}/tiles/WebMercatorQuad/{Tile}.tif?assets=B04");
        var onlyB = await host.Client.GetByteArrayAsync($"{Collection}/tiles/WebMercatorQuad/{Tile}.png?assets=B04&rescale=0,6000&ids=item-b");
        using var unknown = await host.Client.GetAsync($"{Unknown}/tiles/WebMercatorQuad/0/0/0?assets=B04");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
        Assert.Equal(searchPng, png);
        Assert.Equal("image/tiff", tif.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(png, onlyB);
        await AssertNotFoundAsync(unknown);
    }

    /// <summary>test_collections.py::test_wmts_collections and test_map_collection: assets required; the template is the collection's tiles.</summary>
    [Fact]
    public async Task WmtsCapabilitiesAndMap_NameTheCollectionsRoutes()
    {
        using var noAssets = await host.Client.GetAsync($"{Collection}/WebMercatorQuad/WMTSCapabilities.xml");
        var xml = XDocument.Parse(await host.Client.GetStringAsync($"{Collection}/WebMercatorQuad/WMTSCapabilities.xml?assets=B04"));
        using var noAssetsMap = await host.Client.GetAsync($"{Collection}/WebMercatorQuad/map.html");
        var html = await host.Client.GetStringAsync($"{Collection}/WebMercatorQuad/map.html?assets=B04");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
        XNamespace wmts = "http://www.opengis.net/wmts/1.0";
        var template = xml.Descendants(wmts + "ResourceURL").Single().Attribute("template")!.Value;
        Assert.StartsWith($"{host.BaseUrl}{Collection}/tiles/WebMercatorQuad/{{TileMatrix}}/{{TileCol}}/{{TileRow}}.png?assets=B04", template);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssetsMap.StatusCode);
        Assert.Contains($"{{\"kind\":\"search\",\"routes\":\"{Collection}\"", html);
    }

    /// <summary>
    /// test_collections.py::test_statistics_collections, test_feature_collection, test_bbox_collection and
    /// test_query_point_collections: assets required (422); the answers are those of the registered search.
    /// </summary>
    [Fact]
    public async Task StatisticsFeatureBboxAndPoint_AreTheRegisteredSearchs()
    {
        var id = await RegisterAsync("""{ "collections": ["fixture-s2"] }""");
        var collection = $$"""{ "type": "FeatureCollection", "features": [{{Feature}}] }""";

        using var noAssets = await host.Client.PostAsync($"{Collection}/statistics", Json(collection));
        var statistics = await PostStringAsync($"{Collection}/statistics?assets=B04", collection);
        var searchStatistics = await PostStringAsync($"/searches/{id}/statistics?assets=B04", collection);
        using var noAssetsFeature = await host.Client.PostAsync($"{Collection}/feature", Json(Feature));
        var feature = await PostBytesAsync($"{Collection}/feature/40x30.npy?assets=B04", Feature);
        var bbox = await host.Client.GetByteArrayAsync($"{Collection}/bbox/3.004,29.826,3.006,29.828/40x30.npy?assets=B04");
        var searchBbox = await host.Client.GetByteArrayAsync($"/searches/{id}/bbox/3.004,29.826,3.006,29.828/40x30.npy?assets=B04");
        var point = await host.Client.GetStringAsync($"{Collection}/point/{Point}?assets=B04");
        var searchPoint = await host.Client.GetStringAsync($"/searches/{id}/point/{Point}?assets=B04");
        using var unknown = await host.Client.PostAsync($"{Unknown}/statistics?assets=B04", Json(collection));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssets.StatusCode);
        using var json = JsonDocument.Parse(statistics);
        Assert.True(json.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("statistics").GetProperty("b1").GetProperty("count").GetDouble() > 0);
        Assert.Equal(searchStatistics, statistics);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAssetsFeature.StatusCode);
        Assert.Equal(searchBbox, bbox);
        Assert.Equal(bbox, feature);
        Assert.Equal(searchPoint, point);
        await AssertNotFoundAsync(unknown);
    }

    /// <summary>
    /// test_collections.py::test_collections_render: the collection's renders become the metadata's defaults (no
    /// title or tilematrixsets, minmax_zoom as minzoom/maxzoom) and a tilejson link each; item_assets the assets.
    /// </summary>
    [Fact]
    public async Task Info_HasTheCollectionsMetadata_AndALinkPerRender()
    {
        using var info = await JsonAsync($"{Collection}/info");

        var search = info.RootElement.GetProperty("search");
        Assert.Matches("^[0-9a-f]{32}$", search.GetProperty("hash").GetString());
        Assert.Equal($"{host.Api.BaseUrl}/search", search.GetProperty("stac_api").GetString());
        Assert.Equal("""{"collections":["fixture-s2"]}""", search.GetProperty("search").GetRawText());
        var metadata = search.GetProperty("metadata");
        Assert.Equal("mosaic", metadata.GetProperty("type").GetString());
        Assert.Equal("Mosaic for 'fixture-s2' Collection", metadata.GetProperty("name").GetString());
        Assert.Equal([3.0, 29.824691, 3.0099367, 29.8304673], metadata.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["B02", "B03", "B04", "B08", "thumbnail", "metadata"], metadata.GetProperty("assets").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("""{"red":{"assets":["B04"],"rescale":[[0,6000]],"minzoom":12,"maxzoom":18}}""", metadata.GetProperty("defaults").GetRawText());
        var links = info.RootElement.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(["metadata", "tilejson", "map", "wmts", "tilejson"], links.Select(l => l.GetProperty("rel").GetString()));
        Assert.Equal($"{host.BaseUrl}{Collection}/info", links[0].GetProperty("href").GetString());
        var red = links[4].GetProperty("href").GetString()!;
        Assert.Equal($"{host.BaseUrl}{Collection}/WebMercatorQuad/tilejson.json?assets=B04&rescale=0%2C6000&minzoom=12&maxzoom=18", red);
        using var redTileJson = JsonDocument.Parse(await host.Client.GetStringAsync(red));
        Assert.Equal(12, redTileJson.RootElement.GetProperty("minzoom").GetInt32());
    }

    /// <summary>
    /// A collection's search is registered by using it (titiler-pgstac 3.1 dependencies.py <c>get_collection_id</c>
    /// calls <c>register_search_in_db</c>, pgstac's <c>search_query</c> with the collection's metadata, after the
    /// parameters are validated and the collection found), so test_collections.py::test_wmts_collections and
    /// test_collections_render take <c>info</c>'s hash as a search id, and test_searches.py::test_mosaic_list finds
    /// searches in the list without registering any: here <c>GET /searches</c> and <c>/searches/list</c> list it with
    /// that metadata, <c>/searches/{hash}</c> serves it, and a refused request (404, 422) keeps nothing.
    /// </summary>
    [Fact]
    public async Task UsingACollection_KeepsItsSearch_ListedAndServedUnderItsHash()
    {
        const string Query = "ids=item-c,item-b";   // a search no other test here uses
        using var before = await JsonAsync("/searches/list?limit=1000");

        using var info = await JsonAsync($"{Collection}/info?{Query}");
        var hash = Hash(info);
        var point = await host.Client.GetStringAsync($"{Collection}/point/{Point}?{Query}&assets=B04");
        using var unknown = await host.Client.GetAsync($"{Unknown}/info?{Query}");
        using var invalid = await host.Client.GetAsync($"{Collection}/info?{Query}&bbox=-190,-90,180,90");
        using var list = await JsonAsync("/searches/list?limit=1000");
        using var root = await JsonAsync("/searches?limit=1000&name=" + Uri.EscapeDataString("Mosaic for 'fixture-s2' Collection"));
        using var searchInfo = await JsonAsync($"/searches/{hash}/info");
        var searchPoint = await host.Client.GetStringAsync($"/searches/{hash}/point/{Point}?assets=B04");

        Assert.DoesNotContain(hash, Hashes(before));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(Count(before) + 1, Count(list));
        var listed = list.RootElement.GetProperty("searches").EnumerateArray().Single(s => s.GetProperty("search").GetProperty("hash").GetString() == hash);
        Assert.Equal(info.RootElement.GetProperty("search").GetRawText(), listed.GetProperty("search").GetRawText());
        Assert.Equal("""{"collections":["fixture-s2"],"ids":["item-c","item-b"]}""", listed.GetProperty("search").GetProperty("search").GetRawText());
        Assert.Equal("Mosaic for 'fixture-s2' Collection", listed.GetProperty("search").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal($"{host.BaseUrl}/searches/{hash}/info", listed.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Contains(hash, Hashes(root));
        Assert.Equal(info.RootElement.GetProperty("search").GetRawText(), searchInfo.RootElement.GetProperty("search").GetRawText());
        Assert.Equal(point, searchPoint);
    }

    /// <summary>
    /// test_searches.py::test_mosaic_list's first cases, which hold in titiler-pgstac's test database because the
    /// collection routes registered searches: the list is not empty, a page of one has self and next, the second page
    /// self, next and prev.
    /// </summary>
    [Fact]
    public async Task SearchList_HoldsTheCollectionSearchesUsed()
    {
        using var first = await JsonAsync($"{Collection}/info?datetime=2024-01-01T00:00:00Z/..");
        using var second = await JsonAsync($"{Collection}/info?datetime=../2024-12-31T00:00:00Z");

        using var all = await JsonAsync("/searches/list");
        using var one = await JsonAsync("/searches/list?limit=1");
        using var next = await JsonAsync("/searches/list?limit=1&offset=1");

        Assert.NotEmpty(all.RootElement.GetProperty("searches").EnumerateArray());
        Assert.Single(one.RootElement.GetProperty("searches").EnumerateArray());
        Assert.True(one.RootElement.GetProperty("links").GetArrayLength() >= 2);
        Assert.Single(next.RootElement.GetProperty("searches").EnumerateArray());
        Assert.True(next.RootElement.GetProperty("links").GetArrayLength() >= 3);
    }

    /// <summary>test_collections.py::test_collections_additional_parameters: bbox, ids, datetime, query and sortby shape the search.</summary>
    [Fact]
    public async Task SearchParameters_ShapeTheCollectionsSearch()
    {
        using var bbox = await JsonAsync($"{Collection}/info?bbox=3.0,29.825,3.002,29.83");
        using var ids = await JsonAsync($"{Collection}/info?ids=item-a,item-c");
        using var instant = await JsonAsync($"{Collection}/info?datetime=2024-01-15T08:44:29Z");
        using var open = await JsonAsync($"{Collection}/info?datetime=../2024-04-30T00:00:00Z");
        using var query = await JsonAsync($"{Collection}/info?query=" + Uri.EscapeDataString("""{"eo:cloud_cover": {"gte": 10}}"""));
        using var sortby = await JsonAsync($"{Collection}/info?sortby=-gsd,%2Bdatetime,cloud");
        using var idsAssets = await JsonAsync($"{Collection}/point/{Point}/assets?ids=item-c");
        using var openAssets = await JsonAsync($"{Collection}/point/{Point}/assets?datetime=../2024-04-30T00:00:00Z");
        using var queryAssets = await JsonAsync($"{Collection}/point/{Point}/assets?query=" + Uri.EscapeDataString("""{"eo:cloud_cover": {"gte": 10}}"""));
        using var sortedAssets = await JsonAsync($"{Collection}/point/{Point}/assets?sortby=-datetime");

        Assert.Equal("[3,29.825,3.002,29.83]", Search(bbox).GetProperty("bbox").GetRawText());
        Assert.Equal("[3,29.825,3.002,29.83]", bbox.RootElement.GetProperty("search").GetProperty("metadata").GetProperty("bounds").GetRawText());
        Assert.Equal("""["item-a","item-c"]""", Search(ids).GetProperty("ids").GetRawText());
        Assert.Equal("2024-01-15T08:44:29Z", Search(instant).GetProperty("datetime").GetString());
        Assert.Equal("../2024-04-30T00:00:00Z", Search(open).GetProperty("datetime").GetString());
        Assert.Equal("""{"eo:cloud_cover":{"gte":10}}""", Search(query).GetProperty("query").GetRawText());
        Assert.Equal("""[{"field":"gsd","direction":"desc"},{"field":"datetime","direction":"asc"},{"field":"cloud","direction":"asc"}]""",
            Search(sortby).GetProperty("sortby").GetRawText());
        Assert.Equal(["item-c"], Ids(idsAssets));
        Assert.Equal(["item-a", "item-b"], Ids(openAssets));
        Assert.Equal(["item-b", "item-c"], Ids(queryAssets));
        Assert.Equal(["item-c", "item-b", "item-a"], Ids(sortedAssets));
        Assert.NotEqual(Hash(bbox), Hash(ids));
    }

    /// <summary>
    /// test_collections.py::test_collections_cql_filter: a CQL2 text filter (filter-lang cql2-text, titiler-pgstac's
    /// default) reaches the STAC API as its CQL2 JSON with filter-lang cql2-json, and answers as that CQL2 JSON given
    /// with filter-lang=cql2-json does (the same items, the same search hash).
    /// </summary>
    [Theory]
    [InlineData("platform = 'sentinel-2b'", """{"op":"=","args":[{"property":"platform"},"sentinel-2b"]}""", "&filter-lang=cql2-text", new[] { "item-b" })]
    [InlineData("\"eo:cloud_cover\" < 10", """{"op":"<","args":[{"property":"eo:cloud_cover"},10]}""", "", new[] { "item-a" })]
    [InlineData("eo:cloud_cover >= 10 and platform = 'sentinel-2a'",
        """{"op":"and","args":[{"op":">=","args":[{"property":"eo:cloud_cover"},10]},{"op":"=","args":[{"property":"platform"},"sentinel-2a"]}]}""",
        "", new[] { "item-c" })]
    public async Task Filter_InCql2Text_ReachesTheStacApiAsItsCql2Json(string text, string json, string language, string[] ids)
    {
        var asText = $"filter={Uri.EscapeDataString(text)}{language}";
        var asJson = $"filter={Uri.EscapeDataString(json)}&filter-lang=cql2-json";
        var before = host.Api.Requests.Count;

        using var textAssets = await JsonAsync($"{Collection}/point/{Point}/assets?{asText}");
        var sent = host.Api.Requests.Skip(before).Last(r => r.PathAndQuery.StartsWith("/search", StringComparison.Ordinal));
        using var jsonAssets = await JsonAsync($"{Collection}/point/{Point}/assets?{asJson}");
        using var textInfo = await JsonAsync($"{Collection}/info?{asText}");
        using var jsonInfo = await JsonAsync($"{Collection}/info?{asJson}");

        Assert.Equal("POST", sent.Method);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), body["filter"]), sent.Body);
        Assert.Equal("cql2-json", body["filter-lang"]!.GetValue<string>());
        Assert.Equal(ids, Ids(textAssets));
        Assert.Equal(jsonAssets.RootElement.GetRawText(), textAssets.RootElement.GetRawText());
        Assert.Equal(Search(jsonInfo).GetRawText(), Search(textInfo).GetRawText());
        Assert.Equal(Hash(jsonInfo), Hash(textInfo));
    }

    /// <summary>A CQL2 text filter is kept in the tilejson's tile URLs, and their tiles are the mosaic of the items it selects.</summary>
    [Fact]
    public async Task Filter_InCql2Text_IsKeptInTheTileUrls()
    {
        var filter = Uri.EscapeDataString("platform = 'sentinel-2b' AND eo:cloud_cover > 20");

        using var tileJson = await JsonAsync($"{Collection}/WebMercatorQuad/tilejson.json?assets=B04&rescale=0,6000&tile_format=png&filter={filter}");
        using var itemBTileJson = await JsonAsync($"{Collection}/WebMercatorQuad/tilejson.json?assets=B04&rescale=0,6000&tile_format=png&ids=item-b");
        var tileUrl = Tiles(tileJson).Replace("{z}/{x}/{y}", Tile, StringComparison.Ordinal);
        var filtered = await host.Client.GetByteArrayAsync(tileUrl);
        var onlyB = await host.Client.GetByteArrayAsync(Tiles(itemBTileJson).Replace("{z}/{x}/{y}", Tile, StringComparison.Ordinal));
        var all = await host.Client.GetByteArrayAsync(tileUrl.Replace($"&filter={filter}", "", StringComparison.Ordinal));

        Assert.Contains($"&filter={filter}", tileUrl);
        Assert.Equal(onlyB, filtered);
        Assert.NotEqual(all, filtered);
    }

    /// <summary>CQL2 text that does not parse is a 422 whose detail names the character where it fails, on every route.</summary>
    [Theory]
    [InlineData("/info?filter=platform%20%3D%20'sentinel-2b", "character 12: unterminated string")]
    [InlineData("/point/3.0055,29.826/assets?filter=eo:cloud_cover%20~%2010&filter-lang=cql2-text", "character 16: unexpected character '~'")]
    [InlineData("/tiles/WebMercatorQuad/14/8328/6768.png?assets=B04&filter=eo:cloud_cover%20<%2010%20foo", "character 21: unexpected 'foo'")]
    public async Task Filter_InBadCql2Text_Is422_SayingWhere(string route, string message)
    {
        using var response = await host.Client.GetAsync(Collection + route);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>
    /// test_collections.py::test_datetime_validation, test_query_validation, test_query_json_content,
    /// test_filter_json_validation, test_bbox_validation: bad search parameters are 422, good ones 200.
    /// </summary>
    [Theory]
    [InlineData("datetime=2024-01-15T08:44:29%2B00:00", HttpStatusCode.OK)]
    [InlineData("datetime=this%20is%20not%20a%20valid%20datetime%20string", HttpStatusCode.UnprocessableEntity)]
    [InlineData("query=%7B%22eo:cloud_cover%22:%7B%22gte%22:95%7D%7D", HttpStatusCode.OK)]
    [InlineData("query=this%20is%20not%20a%20valid%20query%20string", HttpStatusCode.UnprocessableEntity)]
    [InlineData("query=%7B%22this%22:%22is%20not%20a%20valid%20query%22%7D", HttpStatusCode.UnprocessableEntity)]
    [InlineData("filter=%7B%22op%22:%22lte%22,%22args%22:[%7B%22property%22:%22gsd%22%7D,10]%7D&filter-lang=cql2-json", HttpStatusCode.OK)]
    [InlineData("filter=%7B%22this%22:%22is%20invalid%20content%22%7D&filter-lang=cql2-json", HttpStatusCode.UnprocessableEntity)]
    [InlineData("filter=this%20is%20not%20a%20valid%20JSON%20string&filter-lang=cql2-json", HttpStatusCode.UnprocessableEntity)]
    [InlineData("filter=gsd%20%3C%3D%2010&filter-lang=cql2-text", HttpStatusCode.OK)]
    [InlineData("filter=gsd%20%3C%3D%2010", HttpStatusCode.OK)]
    [InlineData("filter=this%20is%20not%20a%20valid%20CQL2%20text", HttpStatusCode.UnprocessableEntity)]
    [InlineData("filter-lang=cql-text", HttpStatusCode.UnprocessableEntity)]
    [InlineData("bbox=-180,-90,-1,180,90,1", HttpStatusCode.OK)]
    [InlineData("bbox=-180,-90,180,90", HttpStatusCode.OK)]
    [InlineData("bbox=invalid%20bbox%20string", HttpStatusCode.UnprocessableEntity)]
    [InlineData("bbox=-180,-90,180", HttpStatusCode.UnprocessableEntity)]
    [InlineData("bbox=180,-90,-180,90", HttpStatusCode.UnprocessableEntity)]
    [InlineData("bbox=-190,-90,180,90", HttpStatusCode.UnprocessableEntity)]
    public async Task SearchParameters_AreValidated(string query, HttpStatusCode status)
    {
        using var response = await host.Client.GetAsync($"{Collection}/info?{query}");

        Assert.Equal(status, response.StatusCode);
    }

    /// <summary>test_collections.py's "CollectionId not found" cases on every route: 404 with titiler-pgstac's detail.</summary>
    [Theory]
    [InlineData("/info")]
    [InlineData("/tiles/WebMercatorQuad/14/8328/6768.png?assets=B04")]
    [InlineData("/WebMercatorQuad/tilejson.json?assets=B04")]
    [InlineData("/WebMercatorQuad/WMTSCapabilities.xml?assets=B04")]
    [InlineData("/WebMercatorQuad/map.html?assets=B04")]
    [InlineData("/point/3.0055,29.826?assets=B04")]
    [InlineData("/bbox/3.004,29.826,3.006,29.828.png?assets=B04")]
    [InlineData("/timeseries?bbox=3.004,29.826,3.006,29.828&assets=B04")]
    public async Task UnknownCollection_Is404(string route)
    {
        using var response = await host.Client.GetAsync(Unknown + route);

        await AssertNotFoundAsync(response);
    }

    /// <summary>The collection's document is read once for many requests (titiler-pgstac caches the collection's search for its TTL).</summary>
    [Fact]
    public async Task TheCollectionDocument_IsReadOnce_ForManyRequests()
    {
        using var first = await JsonAsync($"{Collection}/info?ids=item-b");
        var before = host.Api.Requests.Count(r => r.PathAndQuery == "/collections/fixture-s2");
        using var second = await JsonAsync($"{Collection}/info?ids=item-a");
        using var third = await JsonAsync($"{Collection}/point/{Point}/assets");

        Assert.True(before >= 1);
        Assert.Equal(before, host.Api.Requests.Count(r => r.PathAndQuery == "/collections/fixture-s2"));
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CollectionId `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` not found", problem.RootElement.GetProperty("detail").GetString());
    }

    private static JsonElement Search(JsonDocument info) => info.RootElement.GetProperty("search").GetProperty("search");

    private static string[] Hashes(JsonDocument list) =>
        [.. list.RootElement.GetProperty("searches").EnumerateArray().Select(s => s.GetProperty("search").GetProperty("hash").GetString()!)];

    private static int Count(JsonDocument list) => list.RootElement.GetProperty("context").GetProperty("matched").GetInt32();

    private static string Hash(JsonDocument info) => info.RootElement.GetProperty("search").GetProperty("hash").GetString()!;

    private static string Tiles(JsonDocument tileJson) => tileJson.RootElement.GetProperty("tiles")[0].GetString()!;

    private static string[] Ids(JsonDocument assets) => [.. assets.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private async Task<JsonDocument> JsonAsync(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> PostStringAsync(string path, string body) => Encoding.UTF8.GetString(await PostBytesAsync(path, body));

    private async Task<byte[]> PostBytesAsync(string path, string body)
    {
        using var response = await host.Client.PostAsync(path, Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<string> RegisterAsync(string body)
    {
        using var response = await host.Client.PostAsync("/searches/register", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
