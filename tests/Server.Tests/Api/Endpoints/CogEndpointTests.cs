using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>/cog end to end through the real server, pipeline and access policy, over a fake dataset in EPSG:3857.</summary>
public sealed class CogEndpointTests : IDisposable
{
    // The north-west quarter of WebMercatorQuad (tile 1/0/0).
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly ServerFactory _server;
    private readonly HttpClient _client;
    private readonly FakeRasterOpener _opener = new();

    public CogEndpointTests()
    {
        var opener = _opener;
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        opener.Add(new FakeRasterDataset(_server.DataPath("demo.tif"), "EPSG:3857", Area, 3, Value));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    /// <summary>Band b holds 100·b plus the tenth of the area's width the pixel centre lies in (0..9).</summary>
    private static float Value(int band, double x, double y) => 100 * band + (float)Math.Floor((x - Area.MinX) / Area.Width * 10);

    private const string Url = "url=data/demo.tif";

    [Fact]
    public async Task Info_DescribesTheDataset()
    {
        var info = await _client.GetFromJsonAsync<JsonElement>($"/cog/info?{Url}");
        Assert.Equal("uint16", info.GetProperty("dtype").GetString());
        Assert.Equal(3, info.GetProperty("count").GetInt32());
        Assert.Equal(1024, info.GetProperty("width").GetInt32());
        Assert.Equal([2], info.GetProperty("overviews").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(256, info.GetProperty("blockxsize").GetInt32());
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/3857", info.GetProperty("crs").GetString());
        Assert.Equal("Nodata", info.GetProperty("nodata_type").GetString());
        Assert.Equal("b2", info.GetProperty("band_descriptions")[1][0].GetString());
    }

    [Fact]
    public async Task InfoGeoJson_IsAFeatureWithTheFootprint()
    {
        var feature = await _client.GetFromJsonAsync<JsonElement>($"/cog/info.geojson?{Url}");
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("data/demo.tif", feature.GetProperty("properties").GetProperty("dataset").GetString());
        Assert.False(feature.GetProperty("properties").TryGetProperty("bounds", out _));
    }

    [Theory]
    [InlineData("/cog/info?url=/etc/passwd", "outside the allowed folders")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.png?url=https://evil.example.org/a.tif", "does not start with an allowed prefix")]
    [InlineData("/cog/info?url=ftp://example.com/a.tif", "scheme 'ftp'")]
    public async Task UrlsOutsideThePolicy_Are403WithTheReason(string path, string reason)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tile_IsRenderedWithTitilerHeaders()
    {
        var response = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/1/0/0.png?{Url}&bidx=1&rescale=100,109");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/3857>", response.Headers.GetValues("Content-Crs").Single());
        Assert.Equal("-20037508.342789244,0,0,20037508.342789244", response.Headers.GetValues("Content-Bbox").Single());
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((256, 256), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, bitmap.GetPixel(0, 0).Red);        // value 100 → 0
        Assert.Equal(255, bitmap.GetPixel(255, 0).Red);    // value 109 → 255
    }

    /// <summary>
    /// Spellings of one tile (parameter order and case, bidx repeated or listed, rescale brackets and number forms, the
    /// set's id in other case, @1x, an unknown parameter) are one cache entry: one render, one ETag.
    /// </summary>
    [Fact]
    public async Task Tiles_OfSpellingsOfOneRequest_AreRenderedOnce()
    {
        var first = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/1/0/0.png?{Url}&rescale=0,6000&bidx=3&bidx=2&bidx=1");
        var second = await _client.GetAsync("/cog/tiles/webmercatorquad/1/0/0@1x.png?BIDX=3,2,1&RESCALE=[0,6e3]&URL=data/demo.tif&_=17");
        var third = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/1/0/0.png?bidx=3,2,1&{Url}&rescale=0.0,6000.0&tilesize=256");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Headers.ETag, third.Headers.ETag);
        Assert.Equal(1, _opener.Reads);
    }

    /// <summary>
    /// A tile that differs in any parameter that changes its pixels is rendered anew: render parameters, format,
    /// every <see cref="TileParameters"/> property, the algorithm, its parameters and the bands it is applied to.
    /// </summary>
    [Fact]
    public async Task Tiles_ThatDifferInAPixelParameter_AreRenderedEach()
    {
        const string Render = "bidx=1&rescale=100,109";
        (string Changes, string Path)[] tiles =
        [
            ("", $"0.png?{Url}&{Render}"),
            ("bidx", $"0.png?{Url}&bidx=2&rescale=100,109"),
            ("rescale", $"0.png?{Url}&bidx=1&rescale=100,110"),
            ("format", $"0.jpg?{Url}&{Render}"),
            ("TileSize", $"0.png?{Url}&{Render}&tilesize=512"),
            ("Scale", $"0@3x.png?{Url}&{Render}"),
            ("Buffer", $"0.png?{Url}&{Render}&buffer=1"),
            ("Padding", $"0.png?{Url}&{Render}&padding=2"),
            ("algorithm", $"0.png?{Url}&{Render}&algorithm=hillshade"),
            ("algorithm_params", $"0.png?{Url}&{Render}&algorithm=hillshade&algorithm_params={{\"azimuth\":100}}"),
            ("the algorithm's bands", $"0.png?{Url}&bidx=2&rescale=100,109&algorithm=hillshade"),
        ];
        var tileParameters = typeof(TileParameters).GetProperties().Select(p => p.Name);
        Assert.Subset(tiles.Select(t => t.Changes).ToHashSet(), tileParameters.ToHashSet());

        var etags = new HashSet<string>();
        foreach (var (changes, path) in tiles)
        {
            var reads = _opener.Reads;
            var response = await _client.GetAsync("/cog/tiles/WebMercatorQuad/1/0/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(_opener.Reads > reads, $"the tile with other {changes} came from the cache");
            Assert.True(etags.Add(response.Headers.ETag!.Tag), $"the tile with other {changes} has an ETag of before");
        }
        var again = _opener.Reads;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/cog/tiles/WebMercatorQuad/1/0/" + tiles[^1].Path)).StatusCode);
        Assert.Equal(again, _opener.Reads);
    }

    [Theory]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0@2x.png", 512)]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.png?tilesize=128", 128)]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0@2x.png?tilesize=384", 384)]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.png?buffer=1", 258)]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0", 256)]
    public async Task TileSize_FollowsBothDialects(string path, int size)
    {
        var response = await _client.GetAsync(path + (path.Contains('?') ? "&" : "?") + Url + "&bidx=1&rescale=100,109");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((size, size), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("/cog/tiles/WebMercatorQuad/1/1/1.png", 404, "tile outside bounds")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/2/0.png", 404, "outside TileMatrixSet 'WebMercatorQuad'")]
    [InlineData("/cog/tiles/NoSuchSet/1/0/0.png", 404, "WebMercatorQuad")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.gif", 422, "format: 'gif' is not one of")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0@9x.png", 422, "scale")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.png?algorithm=hillshad", 422, "algorithm: 'hillshad' is not one of")]
    [InlineData("/cog/tiles/WebMercatorQuad/1/0/0.png?resampling=lanczos", 422, "nearest, bilinear, cubic, average")]
    [InlineData("/cog/statistics?histogram_bins=0", 422, "histogram_bins")]
    [InlineData("/cog/point/1,2,3", 422, "lon,lat")]
    [InlineData("/cog/bbox/1,2,3.png", 422, "minx,miny,maxx,maxy")]
    public async Task Errors_AreProblems(string path, int status, string detail)
    {
        var response = await _client.GetAsync(path + (path.Contains('?') ? "&" : "?") + Url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A missing required parameter is FastAPI's 422 on TiTiler's routes.</summary>
    [Fact]
    public async Task MissingUrl_Is422() =>
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _client.GetAsync("/cog/info")).StatusCode);

    [Fact]
    public async Task Statistics_EqualThoseOfTheSourcePixels()
    {
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/cog/statistics?{Url}&bidx=2&max_size=64&p=50");
        var b2 = stats.GetProperty("b2");
        // 64×64 preview: column c has centre x at (c + 0.5)/64 of the width → value 200 + floor((c + 0.5)/6.4).
        var values = Enumerable.Range(0, 64 * 64).Select(i => 200 + Math.Floor((i % 64 + 0.5) / 6.4)).ToArray();
        Assert.Equal(values.Min(), b2.GetProperty("min").GetDouble());
        Assert.Equal(values.Max(), b2.GetProperty("max").GetDouble());
        Assert.Equal(values.Average(), b2.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(64 * 64, b2.GetProperty("valid_pixels").GetDouble());
        Assert.Equal(100, b2.GetProperty("valid_percent").GetDouble());
        Assert.Equal(values.Order().ElementAt(64 * 64 / 2 - 1), b2.GetProperty("percentile_50").GetDouble());
        Assert.Equal(10, b2.GetProperty("unique").GetDouble());
        Assert.Equal(10, b2.GetProperty("histogram")[0].GetArrayLength());
    }

    [Fact]
    public async Task Point_ReturnsTheSourcePixel()
    {
        var x = Area.MinX + Area.Width * 0.35;
        var y = Area.MaxY - Area.Height * 0.5;
        var point = await _client.GetFromJsonAsync<JsonElement>($"/cog/point/{x},{y}?{Url}&coord_crs=EPSG:3857");
        Assert.Equal([103.0, 203, 303], point.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["b1", "b2", "b3"], point.GetProperty("band_names").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Point_Outside_Is404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/cog/point/100,100?{Url}&coord_crs=EPSG:3857")).StatusCode);

    [Fact]
    public async Task Preview_HonoursMaxSize()
    {
        var response = await _client.GetAsync($"/cog/preview.png?{Url}&bidx=1&rescale=100,109&max_size=100");
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((100, 100), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Bbox_WithSize_CoversTheBox()
    {
        var response = await _client.GetAsync($"/cog/bbox/-20037508,0,-10018754,10018754/64x32.png?{Url}&bidx=1&rescale=100,109&coord_crs=EPSG:3857");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("-20037508,0,-10018754,10018754", response.Headers.GetValues("Content-Bbox").Single());
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((64, 32), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task FeatureStatistics_CountOnlyPixelsThePolygonTouches()
    {
        // A right triangle over the left half of the area, in EPSG:3857.
        var (x0, y0, x1, y1) = (Area.MinX, Area.MinY, Area.MinX + Area.Width / 2, Area.MaxY);
        var ring = $"[[{x0},{y0}],[{x1},{y0}],[{x0},{y1}],[{x0},{y0}]]";
        var body = "{\"type\":\"Feature\",\"properties\":{\"name\":\"t\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
        var response = await _client.PostAsync($"/cog/statistics?{Url}&bidx=1&coord_crs=EPSG:3857&width=41&height=80",
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feature = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("t", feature.GetProperty("properties").GetProperty("name").GetString());
        var stats = feature.GetProperty("properties").GetProperty("statistics").GetProperty("b1");
        // Pixel (c, r) of the 41×80 grid is touched (rio-tiler masks with all_touched) when its south-west corner is
        // below the hypotenuse u + v < 1 (41 columns, so the hypotenuse meets no pixel corner exactly).
        var inside = 0;
        for (var r = 0; r < 80; r++)
            for (var c = 0; c < 41; c++)
                inside += c / 41.0 + (79 - r) / 80.0 < 1 ? 1 : 0;
        Assert.Equal(inside, stats.GetProperty("valid_pixels").GetDouble());
        Assert.Equal(41 * 80 - inside, stats.GetProperty("masked_pixels").GetDouble());
    }

    // titiler core/tests/test_dependencies.py test_cover_scale_params: above 0, at most 1000, default 10. With
    // cover_scale=1 the fine grid is the grid, so every touched pixel weighs 1 and count is the touched pixels;
    // at 10, the pixels the hypotenuse crosses weigh less.
    [Fact]
    public async Task FeatureStatistics_CoverScale_SetsTheCoverageGrid()
    {
        var (x0, y0, x1, y1) = (Area.MinX, Area.MinY, Area.MinX + Area.Width / 2, Area.MaxY);
        var body = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + $"{x0},{y0}],[{x1},{y0}],[{x0},{y1}],[{x0},{y0}" + "]]]}}";
        async Task<JsonElement> Stats(string extra)
        {
            var response = await _client.PostAsync($"/cog/statistics?{Url}&bidx=1&coord_crs=EPSG:3857&width=41&height=80{extra}",
                new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("statistics").GetProperty("b1");
        }

        var one = await Stats("&cover_scale=1");
        var ten = await Stats("");
        Assert.Equal(one.GetProperty("valid_pixels").GetDouble(), one.GetProperty("count").GetDouble());
        Assert.True(ten.GetProperty("count").GetDouble() < ten.GetProperty("valid_pixels").GetDouble() - 20);
        Assert.Equal(ten.GetProperty("count").GetDouble(), (await Stats("&cover_scale=10")).GetProperty("count").GetDouble());
        foreach (var bad in new[] { "0", "-100", "1001", "1000000", "x" })
        {
            var response = await _client.PostAsync($"/cog/statistics?{Url}&bidx=1&coord_crs=EPSG:3857&cover_scale={bad}",
                new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }

    [Fact]
    public async Task TileJson_PointsAtTheTileRoute()
    {
        var tileJson = await _client.GetFromJsonAsync<JsonElement>($"/cog/WebMercatorQuad/tilejson.json?{Url}&bidx=1&rescale=0,300&tile_format=png&minzoom=1");
        var tiles = tileJson.GetProperty("tiles")[0].GetString()!;
        Assert.Contains("/cog/tiles/WebMercatorQuad/{z}/{x}/{y}.png?url=data%2Fdemo.tif&bidx=1&rescale=0%2C300&tilesize=512", tiles);
        Assert.Equal(1, tileJson.GetProperty("minzoom").GetInt32());
        Assert.True(tileJson.GetProperty("maxzoom").GetInt32() >= 2);
        Assert.Equal("3.0.0", tileJson.GetProperty("tilejson").GetString());
    }

    [Fact]
    public async Task TileJson_WithTileScale_Keeps1xPath()
    {
        var tileJson = await _client.GetFromJsonAsync<JsonElement>($"/cog/WebMercatorQuad/tilejson.json?{Url}&tile_scale=2");
        Assert.Contains("/cog/tiles/WebMercatorQuad/{z}/{x}/{y}@2x?url=", tileJson.GetProperty("tiles")[0].GetString());
    }

    [Fact]
    public async Task WmtsCapabilities_HasOneLayerWithATileTemplate()
    {
        var response = await _client.GetAsync($"/cog/WebMercatorQuad/WMTSCapabilities.xml?{Url}&bidx=1&rescale=0,300");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace wmts = "http://www.opengis.net/wmts/1.0";
        var template = xml.Descendants(wmts + "ResourceURL").Single().Attribute("template")!.Value;
        Assert.Contains("/cog/tiles/WebMercatorQuad/{TileMatrix}/{TileCol}/{TileRow}.png?url=data%2Fdemo.tif&bidx=1&rescale=0%2C300", template);
        var matrices = xml.Descendants(wmts + "TileMatrix").ToArray();
        Assert.NotEmpty(matrices);
        Assert.Equal("WebMercatorQuad", xml.Descendants(wmts + "TileMatrixSetLink").Single().Element(wmts + "TileMatrixSet")!.Value);
    }

    [Fact]
    public async Task MapHtml_NamesTheCogRoutes_ForItsScript()
    {
        // The script reads the page's query (tilesize=256 added unless given, as titiler core/factory.py map_viewer):
        // MapPageTests drives it in Chromium.
        var html = await _client.GetStringAsync($"/cog/WebMercatorQuad/map.html?{Url}&bidx=1");
        Assert.Contains("{\"kind\":\"cog\",\"routes\":\"/cog\",\"colorMaps\":\"/colorMaps\"", html);
        Assert.Contains("<script src=\"/viewer/tiler-viewer.js\"></script>", html);
    }

    [Fact]
    public async Task Hillshade_IsAGreyTile()
    {
        var response = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/1/0/0.png?{Url}&bidx=1&algorithm=hillshade&rescale=0,255");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        var p = bitmap.GetPixel(128, 128);
        Assert.Equal(p.Red, p.Green);
    }
}
