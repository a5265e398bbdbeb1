using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// TiTiler 2.x's /stac rules over the real item of make_real_cogs.py (3-band "visual", 1-band "B08"): cases from
/// titiler application/tests/routes/test_stac.py (test_info, test_preview) and core/tests/test_factories.py
/// (test_MultiBaseTilerFactory), named per case.
/// </summary>
public sealed class StacTitiler2Tests : IAsyncLifetime
{
    private const string Url = "url=data/item.json";
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "visual.tif", "b08.tif", "item.json", "item-bands.json", "item-bare.json");

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
    [InlineData("/stac/info")] // test_stac.py test_info: "no assets"
    [InlineData("/stac/statistics")] // test_factories.py test_MultiBaseTilerFactory: statistics without assets
    [InlineData("/stac/preview.png")] // test_stac.py test_preview: "Missing Assets"
    [InlineData("/stac/point/3.005,45.15")] // test_stac.py test_point: "Missing Assets"
    public async Task WithoutAssets_Is422(string path)
    {
        var response = await GetAsync($"{path}?{Url}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {body}");
        Assert.Equal("assets", JsonDocument.Parse(body).RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Info_WithAllAssets_DescribesEach() // test_stac.py test_info: assets=:all:
    {
        var response = await GetAsync($"/stac/info?{Url}&assets=:all:");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["visual", "B08"], info.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Statistics_OfARepeatedExpression_AreB1ToBN() // test_factories.py test_MultiBaseTilerFactory: assets=B01&expression=b1;b1;b1
    {
        var stats = await JsonAsync($"/stac/statistics?{Url}&assets=B08&expression=b1;b1;b1");
        Assert.Equal(["b1", "b2", "b3"], stats.EnumerateObject().Select(p => p.Name));
        Assert.All(stats.EnumerateObject(), p => Assert.Equal("B08_b1", p.Value.GetProperty("description").GetString()));
        var valid = RealCogs.B08().Where(v => v != 0).ToArray();
        Assert.Equal(valid.Max(), stats.GetProperty("b3").GetProperty("max").GetDouble());
    }

    [Theory]
    [InlineData("assets=B08&expression=b1;b1;b1")] // test_factories.py test_MultiBaseTilerFactory /preview.tif
    [InlineData("assets=B08|expression=b1;b1;b1")] // same test, the expression as an asset option
    [InlineData("assets=B08|bidx=1,1,1")] // same test
    public async Task Preview_OfThreeCopiesOfABand_IsAThreeBandTiff(string selection)
    {
        var response = await GetAsync($"/stac/preview.tif?{Url}&{selection}&return_mask=false");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("image/tiff; application=geotiff", response.Content.Headers.ContentType?.ToString());
        // Kestrel refuses non-ASCII header values (a 500 on a real server; the test host lets them through)
        Assert.All(response.Headers.GetValues("OgcTiler-Titiler-Dialect").Single(), c => Assert.InRange(c, ' ', '~'));
    }

    [Theory] // test_stac.py test_preview: items_bands.json with assets=rgb, rgb|bands=red, rgb|bidx=1 (return_mask=False)
    [InlineData("item-bands.json", "assets=visual", new[] { 0, 1, 2 })]
    [InlineData("item-bands.json", "assets=visual|bands=red", new[] { 0 })]
    [InlineData("item-bands.json", "assets=visual|bidx=1", new[] { 0 })]
    [InlineData("item-bands.json", "assets=visual|bands=blue,red", new[] { 2, 0 })]
    [InlineData("item.json", "assets=visual|bands=green", new[] { 1 })] // STAC 1.0: eo:bands common_name
    [InlineData("item-bare.json", "assets=visual|indexes=3", new[] { 2 })] // band counts from the COG header
    public async Task Preview_OfBandsNamedInTheStacMetadata_HoldsThoseBands(string item, string selection, int[] bands)
    {
        var response = await GetAsync($"/stac/preview.npy?url=data/{item}&{selection}&return_mask=false");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        var npy = NpyFile.Parse(bytes);
        Assert.Equal([bands.Length, RealCogs.Height, RealCogs.Width], npy.Shape);
        Assert.Equal(bands.SelectMany(RealCogs.Visual), npy.Values);
    }

    [Fact]
    public async Task Preview_OfAnUnknownBandName_Is404_ListingTheBands() // rio-tiler io/stac.py _get_options: "Band 'x' not found"
    {
        var response = await GetAsync("/stac/preview.npy?url=data/item-bands.json&assets=visual|bands=nir");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} {body}");
        Assert.Contains("asset 'visual' has no band named 'nir'; its bands: red, green, blue", body);
    }

    [Fact]
    public async Task Statistics_OfPositionalExpressions_AreNamedB1ToBN_DescribedByTheExpression()
    {
        var stats = await JsonAsync($"/stac/statistics?{Url}&assets=B08&expression=b1;b1*2;b1%2B1&max_size=32");
        Assert.Equal(["b1", "b2", "b3"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["B08_b1", "B08_b1*2", "B08_b1+1"], stats.EnumerateObject().Select(p => p.Value.GetProperty("description").GetString()));
        var max = stats.GetProperty("b1").GetProperty("max").GetDouble();
        Assert.Equal(2 * max, stats.GetProperty("b2").GetProperty("max").GetDouble());
        Assert.Equal(max + 1, stats.GetProperty("b3").GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Statistics_OfTwoAssets_AreB1B2_DescribedByAssetBand() // test_factories.py: assets=B01&assets=B09 → b1, b2
    {
        var stats = await JsonAsync($"/stac/statistics?{Url}&assets=visual|indexes=2&assets=B08");
        Assert.Equal(["b1", "b2"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["visual_b2", "B08_b1"], stats.EnumerateObject().Select(p => p.Value.GetProperty("description").GetString()));
        Assert.Equal(RealCogs.Visual(1).Max(), stats.GetProperty("b1").GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task AssetStatistics_OfTwoAssets_AreKeyedByAsset_ThenB1() // test_factories.py: asset_statistics assets=B01&assets=B09
    {
        var stats = await JsonAsync($"/stac/asset_statistics?{Url}&assets=B08&assets=visual");
        Assert.Equal(["B08", "visual"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b1"], stats.GetProperty("B08").EnumerateObject().Select(p => p.Name));
        Assert.Equal("b1", stats.GetProperty("B08").GetProperty("b1").GetProperty("description").GetString());
        Assert.Equal(["b1", "b2", "b3"], stats.GetProperty("visual").EnumerateObject().Select(p => p.Name));
    }

    [Theory] // test_factories.py: asset_statistics assets=B09|bidx=1,1 → "B09|indexes=[1,1]": {"b1": …}; rio-tiler io/base.py _dict_to_str
    [InlineData("B08|bidx=1,1", "B08|indexes=[1,1]", new[] { "b1" })]
    [InlineData("visual|indexes=3,1", "visual|indexes=[3,1]", new[] { "b3", "b1" })]
    [InlineData("visual|bands=blue,red", "visual|bands=['blue','red']", new[] { "b3", "b1" })]
    public async Task AssetStatistics_OfAnAssetWithOptions_IsKeyedAsRioTilerPrintsIt(string asset, string key, string[] bands)
    {
        var stats = await JsonAsync($"/stac/asset_statistics?{Url}&assets={Uri.EscapeDataString(asset)}");
        var only = Assert.Single(stats.EnumerateObject());
        Assert.Equal(key, only.Name);
        Assert.Equal(bands, only.Value.EnumerateObject().Select(p => p.Name));
        Assert.All(only.Value.EnumerateObject(), p => Assert.Equal(p.Name, p.Value.GetProperty("description").GetString()));
    }

    [Fact] // rio-tiler io/base.py MultiBaseReader: band_names b1…bN, band_descriptions "{asset}_{band}"
    public async Task Statistics_OfARepeatedAssetBand_AreB1B2_BothDescribedAsTheAssetBand()
    {
        var stats = await JsonAsync($"/stac/statistics?{Url}&assets={Uri.EscapeDataString("B08|bidx=1,1")}");
        Assert.Equal(["b1", "b2"], stats.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["B08_b1", "B08_b1"], stats.EnumerateObject().Select(p => p.Value.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Point_NamesBandsB1_DescribesThemByAssetBand() // test_stac.py test_point
    {
        var p = RealCogs.Reference.GetProperty("points")[1];
        var at = $"{p.GetProperty("lon").GetDouble()},{p.GetProperty("lat").GetDouble()}";
        var point = await JsonAsync($"/stac/point/{at}?{Url}&assets=B08");
        Assert.Equal(["b1"], point.GetProperty("band_names").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["B08_b1"], point.GetProperty("band_descriptions").EnumerateArray().Select(v => v.GetString()));

        point = await JsonAsync($"/stac/point/{at}?{Url}&assets=B08&expression=b1*2");
        Assert.Equal(["b1"], point.GetProperty("band_names").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["B08_b1*2"], point.GetProperty("band_descriptions").EnumerateArray().Select(v => v.GetString()));
    }

    private async Task<JsonElement> JsonAsync(string path)
    {
        var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
