using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Tests.Fakes;

namespace OgcTiler.Plugins.Stac.Tests.Items;

[Collection("stac-api")]
public class StacItemProviderTests(StacApiFixture fixture)
{
    private readonly FakePluginHost _host = new();

    private StacItemProvider Provider => new(_host);

    private static SourceSpec Spec(string url, params (string Key, string Value)[] options) =>
        new(url, options.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public async Task Info_ComesFromProjAndRasterMetadata_WithoutOpeningAnAsset()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a")), default);

        var info = source.Info;
        Assert.Equal(Fixtures.Crs, info.Crs);
        Assert.Equal(new Bounds(500000, 3299360, 500640, 3300000), info.NativeBounds);
        Assert.Equal(10, info.NativeResolution);
        Assert.Equal((64, 64), (info.Width, info.Height));
        Assert.Equal(RasterDataType.UInt16, info.DataType);
        Assert.Equal(0, info.Nodata);
        Assert.Equal(["B02", "B03", "B04", "B08"], info.BandNames);
        Assert.Equal(0.0001, info.Bands[2].Scale);
        Assert.Empty(_host.Opener.Opened);
    }

    [Fact]
    public async Task AssetsOption_NamesTheDefaultBands()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a"), ("assets", "B08,B04")), default);

        Assert.Equal(["B08", "B04"], source.Info.BandNames);
    }

    [Fact]
    public async Task Read_PutsEachAssetsPixelsUnderTheRequestedName_AndMasksNodata()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a")), default);

        using var data = await source.ReadAsync(Fixtures.Grid(0, 64), ["B08", "B04_b1", "B02"], ReadOptions.Default, default);

        Assert.Equal(["B08", "B04_b1", "B02"], data.BandNames);
        var (b08, b04, b02) = (Fixtures.Pixels("item-a", "B08"), Fixtures.Pixels("item-a", "B04"), Fixtures.Pixels("item-a", "B02"));
        for (var p = 0; p < data.PixelCount; p++)
        {
            Assert.Equal(b08[p], data.Band(0)[p]);
            Assert.Equal(b04[p], data.Band(1)[p]);
            Assert.Equal(b02[p], data.Band(2)[p]);
            Assert.Equal(b04[p] == 0 ? 0 : 255, data.Mask[p]);
        }
        Assert.Contains(data.Mask.ToArray(), m => m == 0);
        Assert.Equal(3, _host.Opener.Opened.Distinct().Count());
    }

    [Fact]
    public async Task Read_WithoutBands_ReadsTheDefaultAssets()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-c"), ("assets", "B03")), default);

        using var data = await source.ReadAsync(Fixtures.Grid(10, 8, 8), [], ReadOptions.Default, default);

        Assert.Equal(["B03"], data.BandNames);
        Assert.Equal(Fixtures.ValueAt("item-c", "B03", 10, 0), (ushort)data.Band(0)[0]);
    }

    [Fact]
    public async Task Unscale_AppliesTheStacScale_WhenTheFileHasNone()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-c")), default);

        using var data = await source.ReadAsync(Fixtures.Grid(0, 4, 4), ["B04"], new ReadOptions(Unscale: true), default);

        Assert.Equal(Fixtures.Pixels("item-c", "B04")[0] * 0.0001f, data.Band(0)[0], 6);
    }

    [Fact]
    public async Task RequestNodata_OverridesTheAssetsNodata()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-c")), default);
        var first = Fixtures.Pixels("item-c", "B04")[0];

        using var data = await source.ReadAsync(Fixtures.Grid(0, 4, 4), ["B04"], new ReadOptions(Nodata: first), default);

        Assert.Equal(0, data.Mask[0]);
        Assert.Equal(first, ((FakeDataset)_host.Opener.Dataset(Fixtures.ItemPath("item-c").Replace("item-c.json", "B04.tif"))).LastOptions!.Nodata);
    }

    [Fact]
    public async Task UnknownAsset_IsNotFound_AndListsTheItemsAssets()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a")), default);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            source.ReadAsync(Fixtures.Grid(0, 4, 4), ["B05"], ReadOptions.Default, default));

        Assert.Equal("STAC item 'item-a' has no asset 'B05'; its assets are: B02, B03, B04, B08, thumbnail, metadata", ex.Message);
    }

    [Fact]
    public async Task UnknownAssetInOptions_IsNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a"), ("assets", "B04,red")), default));
    }

    [Fact]
    public async Task NonRasterAsset_IsAnInvalidParameter()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a")), default);

        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            source.ReadAsync(Fixtures.Grid(0, 4, 4), ["thumbnail"], ReadOptions.Default, default));

        Assert.Equal("assets", ex.Parameter);
        Assert.Contains("asset 'thumbnail' of STAC item 'item-a' is not a raster (type 'image/png'", ex.Message);
    }

    [Fact]
    public async Task BandBeyondTheAssetsBands_IsAnInvalidParameter()
    {
        var source = await Provider.OpenAsync(Spec(Fixtures.ItemPath("item-a")), default);

        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            source.ReadAsync(Fixtures.Grid(0, 4, 4), ["B04_b2"], ReadOptions.Default, default));

        Assert.Equal("asset 'B04' has 1 band(s); band 2 ('B04_b2') does not exist", ex.Message);
    }

    [Fact]
    public async Task ItemOverHttp_ResolvesRelativeAssetHrefsAgainstItsUrl()
    {
        var url = $"{fixture.Api.BaseUrl}/items/item-b/item-b.json";
        var source = await Provider.OpenAsync(Spec(url), default);

        using var data = await source.ReadAsync(Fixtures.Grid(32, 64), ["B04"], ReadOptions.Default, default);

        Assert.Equal($"{fixture.Api.BaseUrl}/items/item-b/B04.tif", Assert.Single(_host.Opener.Opened));
        Assert.Equal(Fixtures.Pixels("item-b", "B04")[20 * 64 + 20], data.Band(0)[20 * 64 + 20]);
        Assert.Equal(0, data.Mask[0]);
        Assert.Equal(Fixtures.Crs, source.Info.Crs);
    }

    [Fact]
    public async Task SameItemTwice_IsFetchedOnce()
    {
        var url = $"{fixture.Api.BaseUrl}/items/item-a/item-a.json";
        await Provider.OpenAsync(Spec(url), default);
        await Provider.OpenAsync(Spec(url), default);

        Assert.Equal(1, _host.CacheMisses);
    }

    [Theory]
    [InlineData("/status/404", "HTTP 404")]
    [InlineData("/status/502", "HTTP 502")]
    [InlineData("/not-json.json", "is not valid JSON")]
    [InlineData("/catalog.json", "is not a STAC Item (type is 'Catalog'")]
    public async Task BrokenItemUrl_IsAnUpstreamErrorWithTheReason(string path, string reason)
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => Provider.OpenAsync(Spec(fixture.Api.BaseUrl + path), default));

        Assert.Contains(fixture.Api.BaseUrl + path, ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public async Task UnreachableHost_IsAnUpstreamError()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => Provider.OpenAsync(Spec("http://127.0.0.1:1/item.json"), default));

        Assert.StartsWith("STAC request GET http://127.0.0.1:1/item.json failed:", ex.Message);
    }

    [Fact]
    public async Task MissingLocalFile_IsAnUpstreamError()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => Provider.OpenAsync(Spec("/nonexistent/item.json"), default));

        Assert.StartsWith("STAC document /nonexistent/item.json could not be read:", ex.Message);
    }

    [Fact]
    public async Task UrlOutsideThePolicy_IsDenied()
    {
        _host.DeniedPrefixes.Add(fixture.Api.BaseUrl);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Provider.OpenAsync(Spec($"{fixture.Api.BaseUrl}/items/item-a/item-a.json"), default));
    }
}
