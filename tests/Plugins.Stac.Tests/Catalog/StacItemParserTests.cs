using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.Plugins.Stac.Tests.Fakes;

namespace OgcTiler.Plugins.Stac.Tests.Catalog;

public class StacItemParserTests
{
    private static StacItem ParseFile(string path) => Parse(JsonNode.Parse(File.ReadAllText(path))!, path);

    private static StacItem Parse(JsonNode json, string uri, bool useSelfLink = false)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        return StacItemParser.Parse(document.RootElement, uri, useSelfLink);
    }

    [Fact]
    public void EarthSearchSentinel2_ItemLevelEpsgAndNineElementTransform_GiveAssetGeoreferencing()
    {
        var item = ParseFile(Fixtures.Published("earth-search-S2A_28QCH_20200714_0_L2A.json"));

        Assert.Equal("S2A_28QCH_20200714_0_L2A", item.Id);
        Assert.Equal("sentinel-s2-l2a-cogs", item.Collection);
        Assert.Equal(new DateTimeOffset(2020, 7, 14, 11, 55, 52, TimeSpan.Zero), item.Datetime);
        Assert.Equal(new Bounds(-16.92047119589637, 20.052963012507906, -16.72595055093299, 20.791551352272126), item.Bbox);
        var b04 = item.Assets["B04"];
        Assert.Equal("https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/2020/S2A_28QCH_20200714_0_L2A/B04.tif", b04.Href);
        Assert.Equal("EPSG:32628", b04.Projection.Crs);
        Assert.Equal([300000.0, 10, 0, 2300040, 0, -10], b04.Projection.GeoTransform!);
        Assert.Equal(new Bounds(300000, 2300040 - 109800, 409800, 2300040), b04.Projection.NativeBounds);
        Assert.Equal(60, item.Assets["B01"].Projection.Resolution);
        Assert.Empty(b04.Bands);
    }

    [Fact]
    public void Version_IsStableForTheSameDocument_AndChangesWithAnAssetHref()
    {
        var path = Fixtures.Published("earth-search-S2A_28QCH_20200714_0_L2A.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var first = Parse(json, path).Version;
        var again = Parse(json, path).Version;
        json["assets"]!["B04"]!["href"] = "https://example.invalid/B04-reprocessed.tif";

        Assert.Matches("^[0-9A-F]{16}$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, Parse(json, path).Version);
    }

    [Theory]
    [InlineData("B04", true)]
    [InlineData("visual", true)]
    [InlineData("overview", true)]
    [InlineData("thumbnail", false)]
    [InlineData("info", false)]
    [InlineData("metadata", false)]
    public void EarthSearchSentinel2_RasterAssetsAreTheTiffs(string asset, bool raster)
    {
        var item = ParseFile(Fixtures.Published("earth-search-S2A_28QCH_20200714_0_L2A.json"));

        Assert.Equal(raster, item.Assets[asset].IsRaster);
    }

    [Fact]
    public void CdseSentinel2Stac11_ProjCodeAndAssetLevelRasterFields_AreInheritedByBands()
    {
        var item = ParseFile(Fixtures.Published("cdse-S2C_MSIL2A_20250330T100051_T33UWP-stac-1.1-trimmed.json"));

        var b02 = item.Assets["B02_10m"];
        Assert.Equal("EPSG:32633", b02.Projection.Crs);
        Assert.Equal(new Bounds(499980, 5290200, 609780, 5400000), b02.Projection.NativeBounds);
        Assert.Equal((10980, 10980), b02.Projection.Shape);
        Assert.Equal(new StacBand(0, 0.0001, -0.1, RasterDataType.UInt16), Assert.Single(b02.Bands));
        Assert.Equal(new StacBand(0, 0.0001, -0.1, RasterDataType.UInt16), Assert.Single(item.Assets["AOT_10m"].Bands));
        Assert.StartsWith("s3://eodata/Sentinel-2/MSI/L2A/2025/03/30/", b02.Href);
        Assert.True(b02.IsRaster);
        Assert.False(item.Assets["product_metadata"].IsRaster);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 10, 0, 51, 25, TimeSpan.Zero), item.Datetime);
    }

    [Fact]
    public void LandsatC2L2_RasterBandsAndItemProjection_AreRead()
    {
        var path = Fixtures.Published("stactools-LC09_L2SP_010065_20220129_02_T1-trimmed.json");
        var item = ParseFile(path);

        var red = item.Assets["red"];
        Assert.Equal(new StacBand(0, 2.75e-05, -0.2, RasterDataType.UInt16), Assert.Single(red.Bands));
        Assert.Equal(new StacBand(0, 0.00341802, 149.0, RasterDataType.UInt16), Assert.Single(item.Assets["lwir11"].Bands));
        Assert.Equal(new StacBand(-9999, 0.0001, null, RasterDataType.Int16), Assert.Single(item.Assets["atran"].Bands));
        Assert.Equal("EPSG:32617", red.Projection.Crs);
        Assert.Equal((7741, 7611), red.Projection.Shape);
        Assert.Equal(new Bounds(491985, -683685 - 7741 * 30.0, 491985 + 7611 * 30.0, -683685), red.Projection.NativeBounds);
        var expected = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!,
            "../../../tests/data-files/oli-tirs/LC09_L2SP_010065_20220129_20220131_02_T1_SR_B4.TIF"));
        Assert.Equal(expected, red.Href);
        Assert.False(item.Assets["mtl.json"].IsRaster);
        Assert.False(item.Assets["thumbnail"].IsRaster);
    }

    [Theory]
    [InlineData("https://example.com/stac/items/a.json", "./B04.tif", "https://example.com/stac/items/B04.tif")]
    [InlineData("https://example.com/stac/items/a.json", "../data/B04.tif", "https://example.com/stac/data/B04.tif")]
    [InlineData("https://example.com/stac/items/a.json", "/cogs/B04.tif", "https://example.com/cogs/B04.tif")]
    [InlineData("https://example.com/stac/items/a.json", "https://other.org/B04.tif", "https://other.org/B04.tif")]
    [InlineData("/data/stac/a.json", "./B04.tif", "/data/stac/B04.tif")]
    [InlineData("/data/stac/a.json", "../cogs/B04.tif", "/data/cogs/B04.tif")]
    [InlineData("file:///data/stac/a.json", "B04.tif", "/data/stac/B04.tif")]
    [InlineData("/data/stac/a.json", "s3://bucket/B04.tif", "s3://bucket/B04.tif")]
    public void Hrefs_ResolveAgainstTheDocument(string document, string href, string expected)
    {
        Assert.Equal(expected, HrefResolver.Resolve(document, href));
    }

    [Fact]
    public void ItemInASearchResponse_ResolvesHrefsAgainstItsSelfLink()
    {
        var json = Item("""{"href": "./B04.tif", "type": "image/tiff"}""");
        json["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = "https://cat.org/items/x/x.json" });

        var item = Parse(json, "https://api.org/search", useSelfLink: true);

        Assert.Equal("https://cat.org/items/x/B04.tif", item.Assets["B04"].Href);
    }

    [Theory]
    [InlineData("""{"type": "Collection", "id": "c"}""", "is not a STAC Item (type is 'Collection'")]
    [InlineData("""{"type": "Feature", "assets": {}}""", "has no 'id'")]
    [InlineData("""{"type": "Feature", "id": "x"}""", "item 'x' has no 'assets' object")]
    [InlineData("""{"type": "Feature", "id": "x", "assets": {"B04": {"title": "no href"}}}""", "asset 'B04' of item 'x' has no 'href'")]
    [InlineData("""{"type": "Feature", "id": "x", "bbox": [1, 2], "assets": {}}""", "'bbox' that is not 4 or 6 numbers")]
    [InlineData("""{"type": "Feature", "id": "x", "assets": {"B04": {"href": "a.tif", "proj:transform": [1, 0, 0]}}}""", "proj:transform with fewer than 6 numbers")]
    [InlineData("""{"type": "Feature", "id": "x", "assets": {"B04": {"href": "a.tif", "raster:bands": [{"nodata": "none"}]}}}""", "nodata value 'none'")]
    public void InvalidItems_AreUpstreamErrorsNamingTheDocumentAndProblem(string json, string problem)
    {
        var ex = Assert.Throws<UpstreamException>(() => Parse(JsonNode.Parse(json)!, "https://x.org/i.json"));

        Assert.Contains("https://x.org/i.json", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void NodataStrings_AreNanAndInfinities()
    {
        var item = Parse(Item("""{"href": "a.tif", "raster:bands": [{"nodata": "nan"}, {"nodata": "-inf"}]}"""), "/x/i.json");

        Assert.True(double.IsNaN(item.Assets["B04"].Bands[0].Nodata!.Value));
        Assert.Equal(double.NegativeInfinity, item.Assets["B04"].Bands[1].Nodata);
    }

    private static JsonObject Item(string asset) =>
        (JsonObject)JsonNode.Parse("""{"type": "Feature", "id": "x", "properties": {}, "assets": {"B04": """ + asset + "}}")!;
}
