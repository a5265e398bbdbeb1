using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using T = OgcTiler.Abstractions.Raster.RasterDataType;

namespace OgcTiler.Plugins.Stac.Tests.Items;

/// <summary>The data type of several assets read together: numpy's promote_types, as rio-tiler's stacked array gets it.</summary>
public class DataTypePromotionTests
{
    /// <summary>Expected values are numpy.promote_types(a, b) (checked with numpy 1.24); its int64 is reported as float64.</summary>
    [Theory]
    [InlineData(T.UInt8, T.UInt8, T.UInt8)]
    [InlineData(T.UInt8, T.UInt16, T.UInt16)]
    [InlineData(T.UInt8, T.Int8, T.Int16)]
    [InlineData(T.UInt8, T.Int16, T.Int16)]
    [InlineData(T.Int8, T.UInt16, T.Int32)]
    [InlineData(T.Int16, T.UInt16, T.Int32)]
    [InlineData(T.UInt16, T.Int32, T.Int32)]
    [InlineData(T.UInt16, T.UInt32, T.UInt32)]
    [InlineData(T.Int16, T.Int32, T.Int32)]
    [InlineData(T.UInt16, T.Float32, T.Float32)]
    [InlineData(T.Int16, T.Float32, T.Float32)]
    [InlineData(T.UInt32, T.Float32, T.Float64)]
    [InlineData(T.Int32, T.Float32, T.Float64)]
    [InlineData(T.UInt8, T.Float64, T.Float64)]
    [InlineData(T.Float32, T.Float64, T.Float64)]
    [InlineData(T.Int16, T.UInt32, T.Float64)] // numpy: int64
    public void Promote_FollowsNumpy_InEitherOrder(RasterDataType a, RasterDataType b, RasterDataType expected)
    {
        Assert.Equal(expected, DataTypePromotion.Promote(a, b));
        Assert.Equal(expected, DataTypePromotion.Promote(b, a));
    }

    [Theory]
    [InlineData("B04", T.UInt16)]
    [InlineData("B02", T.UInt8)]
    [InlineData("B02,B04", T.UInt16)]
    [InlineData("B04,B02", T.UInt16)]
    [InlineData("B03,B04", T.Int32)]
    [InlineData("B02,B03", T.Int16)]
    [InlineData("B02,B03,B04", T.Int32)]
    public async Task ItemInfo_ReportsThePromotionOfTheSelectedAssetsTypes(string assets, RasterDataType expected)
    {
        var host = new FakePluginHost();
        var item = ItemAWithTypes(("B02", "uint8"), ("B03", "int16"));

        var info = await ItemInfo.DescribeAsync(item, AssetBand.DefaultAssets(item, assets.Split(',')), host.Rasters, default);

        Assert.Equal(expected, info.DataType);
        Assert.Empty(host.Opener.Opened);
    }

    [Fact]
    public async Task ItemInfo_WithoutStacGeometry_StillPromotesEveryAssetsType()
    {
        var host = new FakePluginHost();
        var item = ItemAWithTypes(("B02", "uint8"), ("B03", "int16"));
        foreach (var name in new[] { "B02", "B03", "B04" })
            item = item with { Assets = WithoutShape(item.Assets, name) };

        var info = await ItemInfo.DescribeAsync(item, AssetBand.DefaultAssets(item, ["B02", "B03", "B04"]), host.Rasters, default);

        Assert.NotEmpty(host.Opener.Opened); // georeferencing came from a dataset header
        Assert.Equal(T.Int32, info.DataType);
    }

    /// <summary>tests/data/stac/items/item-a (four uint16 assets) with some assets' raster:bands data_type changed.</summary>
    private static StacItem ItemAWithTypes(params (string Asset, string Type)[] types)
    {
        var path = Fixtures.ItemPath("item-a");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var (asset, type) in types)
            json["assets"]![asset]!["raster:bands"]![0]!["data_type"] = type;
        using var document = JsonDocument.Parse(json.ToJsonString());
        return StacItemParser.Parse(document.RootElement, path);
    }

    private static Dictionary<string, StacAsset> WithoutShape(IReadOnlyDictionary<string, StacAsset> assets, string name) =>
        assets.ToDictionary(p => p.Key, p => p.Key == name ? p.Value with { Projection = p.Value.Projection with { Shape = null } } : p.Value);
}
