using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog end to end on COGs made with GDAL (tests/data/api/make_real_cogs.py), read by the real raster engine through
/// the running server; values are compared with what GDAL read, gdallocationinfo reported and gdalwarp rendered.
/// </summary>
public sealed class CogRealEndpointTests : IAsyncLifetime
{
    private const int W = RealCogs.Width, H = RealCogs.Height;
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "visual.tif", "b08.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static JsonElement Tile(string name) => RealCogs.Reference.GetProperty("tiles").GetProperty(name);

    private static string TilePath(string name)
    {
        var t = Tile(name);
        return $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}";
    }

    private async Task<NpyFile> NpyAsync(string path)
    {
        var response = await _cogs.Client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return NpyFile.Parse(bytes);
    }

    [Fact]
    public async Task Info_IsWhatGdalinfoSays()
    {
        var info = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/info?url=data/visual.tif");

        Assert.Equal(W, info.GetProperty("width").GetInt32());
        Assert.Equal(H, info.GetProperty("height").GetInt32());
        Assert.Equal(3, info.GetProperty("count").GetInt32());
        Assert.Equal("uint8", info.GetProperty("dtype").GetString());
        Assert.Equal(64, info.GetProperty("blockxsize").GetInt32());
        Assert.Equal(RealCogs.Reference.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()),
            info.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/32631", info.GetProperty("crs").GetString());
    }

    [Fact]
    public async Task TileJson_BoundsAreTheWgs84Footprint()
    {
        var tileJson = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/WebMercatorQuad/tilejson.json?url=data/visual.tif");

        var expected = RealCogs.Reference.GetProperty("wgs84Bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var bounds = tileJson.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], bounds[i], 1e-6);
        Assert.StartsWith("http://localhost/cog/tiles/WebMercatorQuad/{z}/{x}/{y}?url=data%2Fvisual.tif", tileJson.GetProperty("tiles")[0].GetString());
    }

    [Theory]
    [InlineData("inside")]
    [InlineData("edge")]
    public async Task Tile_AsNpy_MatchesGdalwarp_ValuesAndMask(string name)
    {
        var npy = await NpyAsync($"{TilePath(name)}.npy?url=data/visual.tif&tilesize=256");

        Assert.Equal([4, 256, 256], npy.Shape);
        var reference = RealCogs.Bytes($"tile-{name}.u8"); // R, G, B, alpha
        var n = 256 * 256;
        var differentMask = Enumerable.Range(0, n).Count(p => (npy.Values[3 * n + p] != 0) != (reference[3 * n + p] != 0));
        var differentValue = Enumerable.Range(0, 3 * n).Count(i => reference[3 * n + i % n] != 0 && npy.Values[i] != reference[i]);
        Assert.True(differentMask <= n / 100, $"{differentMask} mask pixels differ from gdalwarp's alpha");
        Assert.True(differentValue <= 3 * n / 100, $"{differentValue} samples differ from gdalwarp's");
    }

    [Fact]
    public async Task Bbox_OnThePixelGrid_IsExactlyGdalsPixels()
    {
        // Columns 10..41, rows 20..51 in the COG's own CRS.
        var (minX, maxY) = (RealCogs.X0 + 10 * RealCogs.Resolution, RealCogs.Y0 - 20 * RealCogs.Resolution);
        var bbox = string.Join(',', new[] { minX, maxY - 320, minX + 320, maxY }.Select(v => v.ToString(CultureInfo.InvariantCulture)));

        var npy = await NpyAsync($"/cog/bbox/{bbox}.npy?url=data/visual.tif&coord_crs=EPSG:32631");

        Assert.Equal([4, 32, 32], npy.Shape);
        for (var b = 0; b < 3; b++)
        {
            var gdal = RealCogs.Visual(b);
            for (var r = 0; r < 32; r++)
                for (var c = 0; c < 32; c++)
                    Assert.Equal(gdal[(20 + r) * W + 10 + c], npy.Values[b * 1024 + r * 32 + c]);
        }
        Assert.All(npy.Values[(3 * 1024)..], m => Assert.Equal(255, m));
    }

    [Fact]
    public async Task Point_IsWhatGdallocationinfoReads()
    {
        foreach (var p in RealCogs.Reference.GetProperty("points").EnumerateArray())
        {
            var (lon, lat) = (p.GetProperty("lon").GetDouble(), p.GetProperty("lat").GetDouble());
            foreach (var (file, key) in new[] { ("visual.tif", "visual"), ("b08.tif", "b08") })
            {
                var point = await _cogs.Client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/cog/point/{lon:R},{lat:R}?url=data/{file}"));
                var expected = p.GetProperty("values").GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
                // gdallocationinfo prints the nodata value; TiTiler gives null for a masked pixel.
                var values = point.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? 0 : v.GetDouble());
                Assert.Equal(expected, values);
            }
        }
    }

    [Fact]
    public async Task Preview_AtNativeSize_IsEveryGdalPixel_WithTheNodataMask()
    {
        var npy = await NpyAsync("/cog/preview.npy?url=data/b08.tif&max_size=128");

        Assert.Equal([2, H, W], npy.Shape);
        var gdal = RealCogs.B08();
        for (var p = 0; p < W * H; p++)
        {
            Assert.Equal(gdal[p] == 0 ? 0 : 255, npy.Values[W * H + p]);
            if (gdal[p] != 0)
                Assert.Equal(gdal[p], npy.Values[p]);
        }
    }

    [Fact]
    public async Task Statistics_EqualNumpysOverTheValidGdalPixels()
    {
        var stats = (await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/statistics?url=data/b08.tif&max_size=128")).GetProperty("b1");

        var valid = RealCogs.B08().Where(v => v != 0).Select(v => (double)v).Order().ToArray();
        var mean = valid.Average();
        Assert.Equal(valid.Length, stats.GetProperty("valid_pixels").GetDouble());
        Assert.Equal(W * H - valid.Length, stats.GetProperty("masked_pixels").GetDouble());
        Assert.Equal(valid[0], stats.GetProperty("min").GetDouble());
        Assert.Equal(valid[^1], stats.GetProperty("max").GetDouble());
        Assert.Equal(mean, stats.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(Math.Sqrt(valid.Sum(v => (v - mean) * (v - mean)) / valid.Length), stats.GetProperty("std").GetDouble(), 9);
        Assert.Equal(valid[(int)Math.Ceiling(0.98 * valid.Length) - 1], stats.GetProperty("percentile_98").GetDouble());
    }

    [Theory]
    [InlineData("inside", "visual.tif", "image/jpeg")] // every pixel valid
    [InlineData("edge", "visual.tif", "image/png")]    // part of the tile outside the data
    public async Task Tile_WithoutFormat_IsJpegWhenOpaque_PngOtherwise(string tile, string file, string contentType)
    {
        var response = await _cogs.Client.GetAsync($"{TilePath(tile)}?url=data/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Tile(tile).GetProperty("opaque").GetBoolean(), contentType == "image/jpeg");
    }

    [Theory]
    [InlineData("/cog/preview?url=data/visual.tif", "image/jpeg")]
    [InlineData("/cog/preview?url=data/b08.tif&rescale=1000,3000", "image/png")]              // nodata wedge
    [InlineData("/cog/preview?url=data/b08.tif&rescale=1000,3000&return_mask=false", "image/png")] // the mask decides, not return_mask
    public async Task Preview_WithoutFormat_FollowsTheMask(string path, string contentType)
    {
        var response = await _cogs.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FeatureStatistics_WeightPartlyCoveredPixelsByTheirCoverage()
    {
        // A rectangle over columns 10.35..20.75 and rows 30.25..40.65 of b08.tif, in its own CRS.
        var (c0, c1, r0, r1) = (10.35, 20.75, 30.25, 40.65);
        double X(double col) => RealCogs.X0 + col * RealCogs.Resolution;
        double Y(double row) => RealCogs.Y0 - row * RealCogs.Resolution;
        var ring = FormattableString.Invariant($"[[{X(c0)},{Y(r0)}],[{X(c1)},{Y(r0)}],[{X(c1)},{Y(r1)}],[{X(c0)},{Y(r1)}],[{X(c0)},{Y(r0)}]]");
        var body = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";

        var response = await _cogs.Client.PostAsync("/cog/statistics?url=data/b08.tif&coord_crs=EPSG:32631&p=50,90",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("statistics").GetProperty("b1");
        // rio-tiler's coverage: the share of a pixel's 10×10 sub-cells the rectangle overlaps (all_touched at 1/10 pixel).
        static double Share(int pixel, double from, double to) =>
            Enumerable.Range(0, 10).Count(k => pixel + k / 10.0 < to && pixel + (k + 1) / 10.0 > from) / 10.0;
        var gdal = RealCogs.B08();
        var cells = (from r in Enumerable.Range(30, 11) from c in Enumerable.Range(10, 11)
                     select (Value: (double)gdal[r * W + c], Weight: Share(c, c0, c1) * Share(r, r0, r1))).OrderBy(p => p.Value).ToArray();
        var weight = cells.Sum(p => p.Weight);
        var mean = cells.Sum(p => p.Value * p.Weight) / weight;
        double Quantile(double q)
        {
            var cumulative = 0.0;
            foreach (var (value, w) in cells)
            {
                cumulative += w;
                if (cumulative >= q * weight - 1e-9)
                    return value;
            }
            return cells[^1].Value;
        }
        Assert.Equal(121, stats.GetProperty("valid_pixels").GetDouble());
        Assert.Equal(weight, stats.GetProperty("count").GetDouble(), 4);
        Assert.Equal(cells.Sum(p => p.Value * p.Weight), stats.GetProperty("sum").GetDouble(), 2);
        Assert.Equal(mean, stats.GetProperty("mean").GetDouble(), 4);
        Assert.Equal(Math.Sqrt(cells.Sum(p => p.Weight * (p.Value - mean) * (p.Value - mean)) / weight), stats.GetProperty("std").GetDouble(), 4);
        Assert.Equal(Quantile(0.5), stats.GetProperty("median").GetDouble());
        Assert.Equal(Quantile(0.9), stats.GetProperty("percentile_90").GetDouble());
        Assert.Equal(cells[0].Value, stats.GetProperty("min").GetDouble());
        Assert.NotEqual(cells.Average(p => p.Value), stats.GetProperty("mean").GetDouble(), 4); // the weighting matters here
    }

    [Theory]
    [InlineData("", "wgs84Bounds", "http://www.opengis.net/def/crs/OGC/1.3/CRS84")]
    [InlineData("&crs=EPSG:32631", "bounds", "http://www.opengis.net/def/crs/EPSG/0/32631")]
    public async Task Bounds_AreTheFootprintInTheAskedCrs(string crs, string reference, string crsUri)
    {
        var bounds = await _cogs.Client.GetFromJsonAsync<JsonElement>($"/cog/bounds?url=data/visual.tif{crs}");

        var expected = RealCogs.Reference.GetProperty(reference).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var actual = bounds.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], actual[i], 1e-6);
        Assert.Equal(crsUri, bounds.GetProperty("crs").GetString());
    }

    [Fact]
    public async Task Padding_KeepsTheTileSize_AndBilinearValuesOfTheUnpaddedTile()
    {
        var path = $"{TilePath("inside")}.npy?url=data/visual.tif&tilesize=256&reproject=bilinear";

        var plain = await NpyAsync(path);
        var padded = await NpyAsync(path + "&padding=4");

        Assert.Equal(plain.Shape, padded.Shape);
        var different = Enumerable.Range(0, plain.Values.Length).Count(i => Math.Abs(plain.Values[i] - padded.Values[i]) > 1);
        Assert.True(different <= plain.Values.Length / 200, $"{different} samples differ by more than 1");
    }

    [Fact]
    public async Task TileSets_ListEveryTileMatrixSet_WithATileTemplate()
    {
        var list = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/tiles?url=data/visual.tif");

        var mercator = list.GetProperty("tilesets").EnumerateArray().Single(t => t.GetProperty("title").GetString()!.Contains("WebMercatorQuad"));
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/3857", mercator.GetProperty("crs").GetString());
        Assert.Contains(mercator.GetProperty("links").EnumerateArray(),
            l => l.GetProperty("rel").GetString() == "tile" && l.GetProperty("href").GetString() == "http://localhost/cog/tiles/WebMercatorQuad/{z}/{x}/{y}?url=data/visual.tif");
    }

    /// <summary>
    /// titiler core/factory.py tilesets routes (<c>f</c> html/json or the Accept header) and the templates
    /// tilesets.html (a link per tileset) and tileset.html (data type, CRS, the limits, the links but self); the links
    /// keep the query but <c>f</c>.
    /// </summary>
    [Fact]
    public async Task TileSets_AskedForHtml_ArePagesOfTheListAndOfATileSet()
    {
        var list = await HtmlAsync("/cog/tiles?url=data/visual.tif&f=html");
        Assert.Contains("<a href=\"http://localhost/cog/tiles/WorldCRS84Quad?url=data/visual.tif&amp;f=html\">tileset tiled using WorldCRS84Quad TileMatrixSet</a>", list);

        var page = await HtmlAsync("/cog/tiles/WebMercatorQuad?url=data/visual.tif&f=html");
        var json = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/tiles/WebMercatorQuad?url=data/visual.tif");
        Assert.Contains("<h1>tileset tiled using WebMercatorQuad TileMatrixSet</h1>", page);
        Assert.Contains("<li><strong>CRS:</strong> http://www.opengis.net/def/crs/EPSG/0/3857</li>", page);
        foreach (var limits in json.GetProperty("tileMatrixSetLimits").EnumerateArray())
            Assert.Contains("<tr>" + string.Concat(new[] { "tileMatrix", "minTileRow", "maxTileRow", "minTileCol", "maxTileCol" }.Select(k => $"<td>{limits.GetProperty(k)}</td>")) + "</tr>", page);
        Assert.Contains("<a href=\"http://localhost/cog/WebMercatorQuad/map.html?url=data/visual.tif\">Map viewer for &#39;WebMercatorQuad&#39; tileMatrixSet</a>", page);
        Assert.DoesNotContain("Tileset tiled using", page); // the self link

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _cogs.Client.GetAsync("/cog/tiles?url=data/visual.tif&f=xml")).StatusCode);
    }

    private async Task<string> HtmlAsync(string path)
    {
        using var response = await _cogs.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task TileSet_LimitsStartAtTheTileHoldingTheNorthWestCorner()
    {
        var tileSet = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/tiles/WebMercatorQuad?url=data/visual.tif");

        // The source's zoom range (rio-tiler's minzoom..maxzoom: 128×96 pixels fit one tile, so one level); its tiles
        // are the z17 reference tiles' ancestors.
        var limits = tileSet.GetProperty("tileMatrixSetLimits").EnumerateArray().ToArray();
        var deepest = limits[^1];
        var shift = 17 - int.Parse(deepest.GetProperty("tileMatrix").GetString()!);
        var (edge, inside) = (Tile("edge"), Tile("inside"));
        Assert.Equal(edge.GetProperty("x").GetInt32() >> shift, deepest.GetProperty("minTileCol").GetInt32());
        Assert.Equal(edge.GetProperty("y").GetInt32() >> shift, deepest.GetProperty("minTileRow").GetInt32());
        Assert.InRange(inside.GetProperty("x").GetInt32() >> shift, deepest.GetProperty("minTileCol").GetInt32(), deepest.GetProperty("maxTileCol").GetInt32());
        Assert.InRange(inside.GetProperty("y").GetInt32() >> shift, deepest.GetProperty("minTileRow").GetInt32(), deepest.GetProperty("maxTileRow").GetInt32());
    }

    [Fact]
    public async Task TileJson_Zooms_AreRioTilers_AndTheTileSetsRange()
    {
        var tileJson = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/WebMercatorQuad/tilejson.json?url=data/visual.tif");
        var tileSet = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/tiles/WebMercatorQuad?url=data/visual.tif");

        // morecantile's zoom_for_res: 10 m pixels at latitude ~45.15° are ~14.2 m in EPSG:3857; z13 (19.1 m) is closer
        // in ratio than z14 (9.55 m). The whole source fits one 256-pixel tile, so minzoom = maxzoom.
        var resolution = 10 / Math.Cos(45.15 * Math.PI / 180);
        double Cell(int z) => 2 * 20037508.342789244 / 256 / (1 << z);
        var finer = Enumerable.Range(0, 25).First(z => Cell(z) <= resolution);
        var expected = Cell(finer - 1) / resolution < resolution / Cell(finer) ? finer - 1 : finer;
        Assert.Equal(expected, tileJson.GetProperty("maxzoom").GetInt32());
        Assert.Equal(expected, tileJson.GetProperty("minzoom").GetInt32());
        var limits = tileSet.GetProperty("tileMatrixSetLimits").EnumerateArray().Select(l => int.Parse(l.GetProperty("tileMatrix").GetString()!)).ToArray();
        Assert.Equal(Enumerable.Range(expected, 1), limits);
    }

    // titiler core/tests/test_factories.py test_TilerFactory: tiles/WebMercatorQuad with minzoom=5&maxzoom=6 covers
    // two levels, "5" and "6"; their limits hold the source as those of the source's own range do.
    [Fact]
    public async Task TileSet_MinzoomMaxzoom_GiveTheLevelsAsked()
    {
        var tileSet = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/tiles/WebMercatorQuad?url=data/visual.tif&minzoom=5&maxzoom=6");

        var limits = tileSet.GetProperty("tileMatrixSetLimits").EnumerateArray().ToArray();
        Assert.Equal(["5", "6"], limits.Select(l => l.GetProperty("tileMatrix").GetString()));
        var edge = Tile("edge");
        Assert.Equal(edge.GetProperty("x").GetInt32() >> 11, limits[1].GetProperty("minTileCol").GetInt32());
        Assert.Equal(edge.GetProperty("y").GetInt32() >> 11, limits[1].GetProperty("minTileRow").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _cogs.Client.GetAsync("/cog/tiles/WebMercatorQuad?url=data/visual.tif&maxzoom=31")).StatusCode);
    }

    // The issue's TiTiler case (test_factories.py's bbox -56.228,72.715,-54.547,73.188 with max_size=256 gives
    // 256×73): a bbox in EPSG:4326 over a UTM source is read on square pixels in degrees (GDAL's suggested warp
    // output), so its size keeps the box's shape in degrees.
    [Fact]
    public async Task Bbox_InWgs84_KeepsTheBoxShapeInDegrees()
    {
        var b = RealCogs.Reference.GetProperty("wgs84Bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var bbox = string.Join(",", b.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

        var npy = await NpyAsync($"/cog/bbox/{bbox}.npy?url=data/visual.tif&max_size=64");

        var expectedHeight = (int)Math.Ceiling(64 * (b[3] - b[1]) / (b[2] - b[0]));
        Assert.Equal([4, expectedHeight, 64], npy.Shape);
        Assert.NotEqual(64 * RealCogs.Height / RealCogs.Width, expectedHeight); // not the source's own pixel shape
    }

    // titiler core/tests/test_dependencies.py test_crs_params, through the routes: WKT and PROJ strings work as
    // coord_crs, dst_crs and crs; "invalid crs" is a 422.
    [Fact]
    public async Task CrsParameters_TakeWktAndProjStrings()
    {
        const string utmWkt = """PROJCS["WGS 84 / UTM zone 31N",GEOGCS["WGS 84",AUTHORITY["EPSG","4326"]],AUTHORITY["EPSG","32631"]]""";
        var b = RealCogs.Reference.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var path = $"/cog/bbox/{string.Join(",", b)}.npy?url=data/visual.tif&coord_crs={Uri.EscapeDataString(utmWkt)}"
            + $"&dst_crs={Uri.EscapeDataString("+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs")}";

        var response = await _cogs.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/32631", response.Headers.GetValues("Content-Crs").Single().Trim('<', '>'));
        Assert.Equal(new[] { 4, H, W }, NpyFile.Parse(await response.Content.ReadAsByteArrayAsync()).Shape);

        var bounds = await _cogs.Client.GetFromJsonAsync<JsonElement>($"/cog/bounds?url=data/visual.tif&crs={Uri.EscapeDataString("+proj=longlat +datum=WGS84 +no_defs +type=crs")}");
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/4326", bounds.GetProperty("crs").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _cogs.Client.GetAsync(path.Replace(Uri.EscapeDataString(utmWkt), "invalid%20crs"))).StatusCode);
    }
}
