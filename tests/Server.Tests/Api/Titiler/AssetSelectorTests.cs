using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Titiler;
using static OgcTiler.Server.Tests.Api.Titiler.QueryStrings;

namespace OgcTiler.Server.Tests.Api.Titiler;

public class AssetSelectorTests
{
    // A Sentinel-2-like item: single-band assets plus a 3-band "visual".
    private static readonly AssetBands Item = new(["B02", "B03", "B04", "B08", "visual_b1", "visual_b2", "visual_b3"]);

    public static TheoryData<string, string[]?, string?, string> Cases => new()
    {
        // 1.x
        { "assets=B04&assets=B03&assets=B02", ["B04_b1", "B03_b1", "B02_b1"], null, "1.x" },
        { "assets=B04,B03,B02", ["B04_b1", "B03_b1", "B02_b1"], null, "1.x" },
        { "assets=visual", ["visual_b1", "visual_b2", "visual_b3"], null, "1.x" },
        { "assets=visual&asset_bidx=visual|3,1", ["visual_b3", "visual_b1"], null, "1.x" },
        { "assets=visual&assets=B08&bidx=1", ["visual_b1", "B08_b1"], null, "1.x" },
        { "assets=B08&assets=B04&asset_as_band=true", ["B08", "B04"], null, "1.x" },
        { "assets=visual&asset_expression=visual|b1*2", null, "visual_b1*2", "1.x" },
        { "expression=(B08_b1-B04_b1)/(B08_b1+B04_b1)", null, "(B08_b1-B04_b1)/(B08_b1+B04_b1)", "1.x (assets implied" },
        { "expression=(B08-B04)/(B08+B04)&asset_as_band=true", null, "(B08-B04)/(B08+B04)", "1.x (assets implied" },
        { "assets=B08&assets=B04&expression=(B08_b1-B04_b1)/(B08_b1+B04_b1)", null, "(B08_b1-B04_b1)/(B08_b1+B04_b1)", "1.x (expression names assets" },
        // 2.x
        { "assets=visual|indexes=1,2", ["visual_b1", "visual_b2"], null, "2.x" },
        { "assets=visual|bidx=3", ["visual_b3"], null, "2.x" },
        { "assets=visual|expression=b1+b3", null, "visual_b1+visual_b3", "2.x" },
        { "assets=B08&assets=B04&expression=(b1-b2)/(b1+b2)", null, "(B08_b1-B04_b1)/(B08_b1+B04_b1)", "2.x (positional" },
        { "assets=visual|indexes=3&assets=B08&expression=b2/b1", null, "B08_b1/visual_b3", "2.x (positional" },
        { "assets=:all:", ["B02_b1", "B03_b1", "B04_b1", "B08_b1", "visual_b1", "visual_b2", "visual_b3"], null, "2.x" },
        // conflict: the 2.x option inside assets= wins over asset_bidx
        { "assets=visual|indexes=2&asset_bidx=visual|1", ["visual_b2"], null, "2.x" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves(string query, string[]? bands, string? expression, string dialect)
    {
        var selection = AssetSelector.Resolve(Reader(query), Item);
        Assert.Equal(bands, selection.Bands);
        Assert.Equal(expression, selection.Expression);
        Assert.StartsWith(dialect, selection.Dialect);
    }

    [Theory]
    [InlineData("", "assets: give assets or an expression (assets of this source: B02, B03, B04, B08, visual)")]
    [InlineData("assets=B08&expression=b1/b2", "expression: b2 refers to band 2, but the listed assets give 1 band(s): B08_b1")]
    [InlineData("assets=visual|foo=1", "assets: option 'foo=1' in 'visual|foo=1' is not bidx=…, indexes=…, bands=… or expression=…")]
    [InlineData("assets=visual|indexes=0", "assets: 0 is outside 1..")]
    [InlineData("assets=|indexes=1", "assets: '|indexes=1' has no asset name before '|'")]
    [InlineData("assets=visual&asset_bidx=visual", "asset_bidx: 'visual' must be 'asset|value'")]
    [InlineData("assets=visual|expression=b1&expression=b1*2", "expression: cannot be combined with per-asset expressions")]
    public void Errors(string query, string message) =>
        Assert.StartsWith(message, Assert.Throws<InvalidParameterException>(() => AssetSelector.Resolve(Reader(query), Item)).Message);

    [Fact]
    public void UnknownAsset_ListsTheAssets()
    {
        var error = Assert.Throws<ResourceNotFoundException>(() => AssetSelector.Resolve(Reader("assets=B99"), Item));
        Assert.Equal("asset 'B99' does not exist; assets: B02, B03, B04, B08, visual", error.Message);
    }
}
