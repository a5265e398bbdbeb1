using System.Net;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// TileJSON 3.0.0 as TiTiler 2.x writes it (titiler.core models/mapbox.py TileJSON with response_model_exclude_none,
/// factory.py tilejson: <c>raster_layers</c>, and the reader Info's <c>band_descriptions</c>, <c>data_type</c>,
/// <c>minmax</c> when not null). Cases from titiler application/tests/routes/test_cog.py and test_stac.py
/// (test_tilejson), on the GDAL-made COGs and item of make_real_cogs.py and make_dtype_cogs.py.
/// </summary>
public sealed class TileJsonTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "visual.tif", "b08.tif", "i16-stats.tif", "item.json");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        // The plugins load in a hosted service: wait until the stac-item source answers.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _cogs.Client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (attempt >= 50 || !text.Contains("plugin"))
                return (response.StatusCode, JsonDocument.Parse(text).RootElement);
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> OkAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return body;
    }

    [Fact] // test_cog.py test_tilejson
    public async Task Cog_IsTileJson300_WithTheFieldsTitilerWrites()
    {
        var body = await OkAsync("/cog/WebMercatorQuad/tilejson.json?url=data/visual.tif");

        Assert.Equal(["tilejson", "version", "scheme", "tiles", "minzoom", "maxzoom", "bounds", "center", "raster_layers", "band_descriptions", "data_type"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3.0.0", body.GetProperty("tilejson").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal("xyz", body.GetProperty("scheme").GetString());
        Assert.StartsWith("http://localhost/cog/tiles/WebMercatorQuad/{z}/{x}/{y}?url=data", Assert.Single(body.GetProperty("tiles").EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("raster_layers").ValueKind);
        Assert.Equal([["b1", "b1"], ["b2", "b2"], ["b3", "b3"]],
            body.GetProperty("band_descriptions").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetString()).ToArray()));
        Assert.Equal("uint8", body.GetProperty("data_type").GetString());
        var bounds = body.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var center = body.GetProperty("center").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, body.GetProperty("minzoom").GetInt32()], center);
    }

    [Fact] // factory.py tilejson: body["minmax"] = info.minmax (rio-tiler Info from STATISTICS_MINIMUM/MAXIMUM)
    public async Task Cog_WithRecordedStatistics_HasTheirMinMax()
    {
        var body = await OkAsync("/cog/WebMercatorQuad/tilejson.json?url=data/i16-stats.tif");

        var gdal = JsonDocument.Parse(File.ReadAllText(RealCogs.Path("i16-stats.json"))).RootElement.GetProperty("bands").EnumerateArray()
            .Select(b => b.GetProperty("metadata").GetProperty(""))
            .Select(m => new[] { double.Parse(m.GetProperty("STATISTICS_MINIMUM").GetString()!), double.Parse(m.GetProperty("STATISTICS_MAXIMUM").GetString()!) });
        Assert.Equal(gdal, body.GetProperty("minmax").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
        Assert.Equal("int16", body.GetProperty("data_type").GetString());
        Assert.Equal(body.GetProperty("minmax"), (await OkAsync("/cog/info?url=data/i16-stats.tif")).GetProperty("minmax"), JsonElement.DeepEquals);
    }

    [Fact] // test_cog.py test_tilejson: the colormap JSON survives into the tile URL
    public async Task Cog_KeepsTheColormapInTheTileUrl()
    {
        const string colormap = """{"1":[58,102,24,255],"2":[100,177,41],"3":"#b1b129","4":"#ddcb9aFF"}""";
        var body = await OkAsync($"/cog/WebMercatorQuad/tilejson.json?url=data/b08.tif&bidx=1&colormap={Uri.EscapeDataString(colormap)}");

        var tiles = new Uri(body.GetProperty("tiles")[0].GetString()!.Replace("{z}/{x}/{y}", "0/0/0"));
        var query = System.Web.HttpUtility.ParseQueryString(tiles.Query);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(colormap).RootElement, JsonDocument.Parse(query["colormap"]!).RootElement));
        Assert.Equal("512", query["tilesize"]);
    }

    [Fact] // test_stac.py test_tilejson: no assets
    public async Task Stac_WithoutAssets_Is422()
    {
        var (status, _) = await GetAsync("/stac/WebMercatorQuad/tilejson.json?url=data/item.json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
    }

    [Fact] // test_stac.py test_tilejson: assets=B01&minzoom=5&maxzoom=10
    public async Task Stac_IsTileJson300_WithoutTheDatasetFields()
    {
        var body = await OkAsync("/stac/WebMercatorQuad/tilejson.json?url=data/item.json&assets=B08&minzoom=5&maxzoom=10");

        Assert.Equal(["tilejson", "version", "scheme", "tiles", "minzoom", "maxzoom", "bounds", "center", "raster_layers"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3.0.0", body.GetProperty("tilejson").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal("xyz", body.GetProperty("scheme").GetString());
        Assert.StartsWith("http://localhost/stac/tiles/WebMercatorQuad/{z}/{x}/{y}?url=", Assert.Single(body.GetProperty("tiles").EnumerateArray()).GetString());
        Assert.Equal((5, 10), (body.GetProperty("minzoom").GetInt32(), body.GetProperty("maxzoom").GetInt32()));
        Assert.Equal(4, body.GetProperty("bounds").GetArrayLength());
        Assert.Equal(3, body.GetProperty("center").GetArrayLength());
    }

    [Fact] // test_stac.py test_tilejson: tile_format=png&tilesize=512
    public async Task Stac_TileFormatAndTileSize_ShapeTheTileUrl()
    {
        var body = await OkAsync("/stac/WebMercatorQuad/tilejson.json?url=data/item.json&assets=B08&tile_format=png&tilesize=512");

        var tiles = body.GetProperty("tiles")[0].GetString()!;
        Assert.StartsWith("http://localhost/stac/tiles/WebMercatorQuad/{z}/{x}/{y}.png?url=", tiles);
        Assert.Contains("tilesize=512", tiles);
    }
}
