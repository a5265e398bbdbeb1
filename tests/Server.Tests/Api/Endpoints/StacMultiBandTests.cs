using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /stac over a real item whose "visual" asset is a 3-band COG (and "B08" a 1-band one), made with GDAL: an asset is
/// read with all its bands, as rio-tiler does, so <c>assets=visual</c> gives RGB and expressions name visual_b2.
/// </summary>
public sealed class StacMultiBandTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "visual.tif", "b08.tif", "item.json", "item-bare.json");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        // The plugins load in a hosted service: wait until the stac-item source answers.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _cogs.Client.GetAsync(path);
            if (attempt >= 50 || !(await response.Content.ReadAsStringAsync()).Contains("plugin"))
                return response;
            await Task.Delay(100);
        }
    }

    [Theory]
    [InlineData("item.json")]
    [InlineData("item-bare.json")]
    public async Task Statistics_OfAMultiBandAsset_AreOneEntryPerBand_EqualToNumpysOverTheGdalPixels(string item)
    {
        var response = await GetAsync($"/stac/statistics?url=data/{item}&assets=visual&max_size=128");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["b1", "b2", "b3"], stats.EnumerateObject().Select(p => p.Name));
        for (var b = 0; b < 3; b++)
        {
            var pixels = RealCogs.Visual(b);
            var band = stats.GetProperty($"b{b + 1}");
            Assert.Equal($"visual_b{b + 1}", band.GetProperty("description").GetString());
            Assert.Equal(pixels.Min(), band.GetProperty("min").GetDouble());
            Assert.Equal(pixels.Max(), band.GetProperty("max").GetDouble());
            Assert.Equal(pixels.Average(v => (double)v), band.GetProperty("mean").GetDouble(), 9);
            Assert.Equal(pixels.Length, band.GetProperty("valid_pixels").GetDouble());
        }
    }

    [Fact]
    public async Task Tile_OfAssetsVisual_IsTheRgbOfGdalwarp()
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("inside");
        var (z, x, y) = (t.GetProperty("z").GetInt32(), t.GetProperty("x").GetInt32(), t.GetProperty("y").GetInt32());

        var response = await GetAsync($"/stac/tiles/WebMercatorQuad/{z}/{x}/{y}.npy?url=data/item.json&assets=visual&tilesize=256");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var npy = NpyFile.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([4, 256, 256], npy.Shape);
        var reference = RealCogs.Bytes("tile-inside.u8");
        var same = Enumerable.Range(0, 3 * 256 * 256).Count(i => npy.Values[i] == reference[i]);
        Assert.True(same >= 0.99 * 3 * 256 * 256, $"{same} of {3 * 256 * 256} samples equal gdalwarp's");
    }

    [Fact]
    public async Task Expression_NamesTheSecondBandOfTheAsset()
    {
        var p = RealCogs.Reference.GetProperty("points")[1];
        var response = await GetAsync($"/stac/point/{p.GetProperty("lon").GetDouble()},{p.GetProperty("lat").GetDouble()}?url=data/item.json&expression=visual_b2*2");

        var point = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2 * p.GetProperty("values").GetProperty("visual")[1].GetDouble(), point.GetProperty("values")[0].GetDouble());
    }

    [Fact]
    public async Task Info_IsEachAssetsOwn_AndAssetsListsEachOnce()
    {
        var info = await (await GetAsync("/stac/info?url=data/item-bare.json&assets=:all:")).Content.ReadFromJsonAsync<JsonElement>();
        var assets = await (await GetAsync("/stac/assets?url=data/item-bare.json")).Content.ReadFromJsonAsync<string[]>() ?? [];

        Assert.Equal(3, info.GetProperty("visual").GetProperty("count").GetInt32());
        Assert.Equal(1, info.GetProperty("B08").GetProperty("count").GetInt32());
        Assert.Equal("uint8", info.GetProperty("visual").GetProperty("dtype").GetString());
        Assert.Equal("uint16", info.GetProperty("B08").GetProperty("dtype").GetString());
        Assert.Equal(0, info.GetProperty("B08").GetProperty("nodata_value").GetDouble());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("visual").GetProperty("nodata_value").ValueKind);
        Assert.Equal(["visual", "B08"], assets);
    }

    [Theory]
    [InlineData("assets=visual&asset_as_band=true")]
    [InlineData("expression=visual*2&asset_as_band=true")]
    public async Task AssetAsBand_OnAMultiBandAsset_Is400(string selection)
    {
        var response = await GetAsync($"/stac/statistics?url=data/item.json&{selection}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asset_as_band", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AssetStatistics_ArePerAsset_EachWithItsOwnMask()
    {
        var response = await GetAsync("/stac/asset_statistics?url=data/item.json&max_size=128");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["visual", "B08"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b1", "b2", "b3"], stats.GetProperty("visual").EnumerateObject().Select(p => p.Name));
        var green = RealCogs.Visual(1);
        Assert.Equal(green.Min(), stats.GetProperty("visual").GetProperty("b2").GetProperty("min").GetDouble());
        Assert.Equal(green.Max(), stats.GetProperty("visual").GetProperty("b2").GetProperty("max").GetDouble());
        // visual has no nodata: B08's nodata wedge must not mask it.
        Assert.Equal(128 * 96, stats.GetProperty("visual").GetProperty("b1").GetProperty("valid_pixels").GetDouble());
        Assert.Equal(RealCogs.B08().Count(v => v != 0), stats.GetProperty("B08").GetProperty("b1").GetProperty("valid_pixels").GetDouble());
    }

    [Fact]
    public async Task AssetStatistics_WithAssetBidx_ReadTheNamedBand()
    {
        var stats = await (await GetAsync("/stac/asset_statistics?url=data/item.json&assets=visual&asset_bidx=visual|3&max_size=128"))
            .Content.ReadFromJsonAsync<JsonElement>();

        var blue = stats.GetProperty("visual").GetProperty("b3");
        Assert.Single(stats.GetProperty("visual").EnumerateObject());
        Assert.Equal(RealCogs.Visual(2).Average(v => (double)v), blue.GetProperty("mean").GetDouble(), 9);
    }

    [Fact]
    public async Task Statistics_OfAllAssets_CoverEveryAsset()
    {
        var stats = await (await GetAsync("/stac/statistics?url=data/item.json&assets=:all:&max_size=32")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["b1", "b2", "b3", "b4"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["visual_b1", "visual_b2", "visual_b3", "B08_b1"], stats.EnumerateObject().Select(p => p.Value.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task ListedAssets_AreTheOnlyOnesWhoseHeadersAreRead_WhenTheItemHasNoBandMetadata()
    {
        var response = await GetAsync("/stac/statistics?url=data/item-bare.json&assets=B08&max_size=32");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        lock (_cogs.Server.Opener.Opened)
            Assert.DoesNotContain(_cogs.Server.DataPath("visual.tif"), _cogs.Server.Opener.Opened);
    }
}
