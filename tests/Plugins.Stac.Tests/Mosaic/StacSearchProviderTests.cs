using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Mosaic;
using OgcTiler.Plugins.Stac.Tests.Fakes;

namespace OgcTiler.Plugins.Stac.Tests.Mosaic;

/// <summary>
/// Mosaics of the fixture items (item-a cols 0..63, item-b cols 32..95, item-c cols 0..63 of the fixture grid) with
/// expectations computed from the GDAL-exported pixels: each method's rule applied to the valid values per pixel.
/// </summary>
[Collection("stac-api")]
public class StacSearchProviderTests(StacApiFixture fixture)
{
    private static readonly string[] SearchOrder = ["item-a", "item-b", "item-c"];
    private readonly FakePluginHost _host = new();

    private Task<IRasterSource> Open(params (string Key, string Value)[] options) =>
        new StacSearchProvider(_host).OpenAsync(new SourceSpec(fixture.Api.BaseUrl + "/search", options.ToDictionary(o => o.Key, o => o.Value)), default);

    public static TheoryData<string> Methods => ["first", "highest", "lowest", "mean", "median", "count"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task PixelSelection_CombinesTheItemsAsTheMethodSays(string method)
    {
        var source = await Open(("pixel_selection", method), ("limit", "2"));

        using var data = await source.ReadAsync(Fixtures.Grid(0, 96), ["B04", "B08"], ReadOptions.Default, default);

        Assert.Equal(["B04", "B08"], data.BandNames);
        for (var row = 0; row < 64; row++)
        {
            for (var col = 0; col < 96; col++)
            {
                var p = row * 96 + col;
                for (var band = 0; band < 2; band++)
                {
                    var values = SearchOrder.Select(i => Fixtures.ValueAt(i, band == 0 ? "B04" : "B08", col, row))
                        .Where(v => v is not null).Select(v => (double)v!.Value).ToArray();
                    var expected = Expected(method, values);
                    Assert.Equal(expected is null ? 0 : 255, data.Mask[p]);
                    if (expected is { } value)
                        Assert.Equal(value, data.Band(band)[p], 3);
                }
            }
        }
    }

    private static double? Expected(string method, double[] values)
    {
        if (method == "count")
            return values.Length;
        if (values.Length == 0)
            return null;
        var sorted = values.Order().ToArray();
        return method switch
        {
            "first" => values[0],
            "highest" => values.Max(),
            "lowest" => values.Min(),
            "mean" => values.Average(),
            "median" => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2,
            _ => throw new ArgumentException(method),
        };
    }

    [Fact]
    public async Task First_StopsReadingOnceEveryPixelIsFilled()
    {
        var source = await Open();

        // item-a holds data everywhere in cols 40..63, rows 0..31; item-b and item-c cover them too.
        using var data = await source.ReadAsync(Fixtures.Grid(40, 24, 32), ["B04"], ReadOptions.Default, default);

        Assert.Equal(1, _host.Opener.Reads);
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
    }

    [Fact]
    public async Task First_ReadsTheNextItemForPixelsStillEmpty()
    {
        var source = await Open();

        // item-a's nodata wedge is in its south-west corner: item-b does not reach there, item-c fills it.
        using var data = await source.ReadAsync(Fixtures.Grid(0, 16), ["B02"], ReadOptions.Default, default);

        Assert.Equal(2, _host.Opener.Reads);
        Assert.Equal(Fixtures.ValueAt("item-c", "B02", 0, 63), (ushort)data.Band(0)[63 * 16]);
        Assert.Equal(Fixtures.ValueAt("item-a", "B02", 0, 0), (ushort)data.Band(0)[0]);
    }

    [Fact]
    public async Task Sortby_SetsTheOrderFirstUses()
    {
        var source = await Open(("sortby", "-properties.eo:cloud_cover"));

        using var data = await source.ReadAsync(Fixtures.Grid(32, 32), ["B04"], ReadOptions.Default, default);

        // item-b (cloud 40) comes first but has a nodata block at rows 0..15, cols 32..47: item-c (12) fills it.
        Assert.Equal(Fixtures.ValueAt("item-b", "B04", 50, 20), (ushort)data.Band(0)[20 * 32 + 18]);
        Assert.Equal(Fixtures.ValueAt("item-c", "B04", 33, 1), (ushort)data.Band(0)[1 * 32 + 1]);
    }

    [Fact]
    public async Task GridOutsideEveryItem_IsAllMasked_WithoutReads()
    {
        var source = await Open();

        using var data = await source.ReadAsync(Fixtures.Grid(200, 16, 16), ["B04"], ReadOptions.Default, default);

        Assert.All(data.Mask.ToArray(), m => Assert.Equal(0, m));
        Assert.Equal(0, _host.Opener.Reads);
    }

    [Fact]
    public async Task WebMercatorGrid_SkipsItemsOutsideByTheirBbox()
    {
        var source = (MosaicSource)await Open();
        // 3.0085E..3.0098E, 29.826N..29.828N (cs2cs EPSG:4326 EPSG:3857): east of item-a and item-c, inside item-b.
        var grid = new TargetGrid("EPSG:3857", 334904.7, 3481203.3, 335049.4, 3481460.0, 8, 8);

        Assert.Equal(["item-b"], source.Intersecting(grid).Select(i => i.Id));
    }

    [Fact]
    public async Task Info_CoversEveryItem()
    {
        var source = await Open(("assets", "B04,B08"));

        Assert.Equal(Fixtures.Crs, source.Info.Crs);
        Assert.Equal(new Bounds(500000, 3299360, 500960, 3300000), source.Info.NativeBounds);
        Assert.Equal((96, 64), (source.Info.Width, source.Info.Height));
        Assert.Equal(["B04", "B08"], source.Info.BandNames);
    }

    [Fact]
    public async Task TheSearch_RunsOncePerSpec()
    {
        await Open(("collections", "fixture-s2"), ("limit", "1"));
        var before = fixture.Api.Requests.Count;

        await Open(("collections", "fixture-s2"), ("limit", "1"));

        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    [Fact]
    public async Task SavedSearchUrl_GivesItsQueryAsOptions()
    {
        var before = fixture.Api.Requests.Count;
        var source = (MosaicSource)await new StacSearchProvider(_host).OpenAsync(
            new SourceSpec(fixture.Api.BaseUrl + "/search?ids=item-b,item-c&sortby=%2Bproperties.eo:cloud_cover", new Dictionary<string, string> { ["method"] = "GET" }), default);

        Assert.Equal(["item-c", "item-b"], source.Items.Select(i => i.Id));
        Assert.Equal("GET", fixture.Api.Requests.Skip(before).Single().Method);
    }

    [Fact]
    public async Task EmptySearch_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Open(("datetime", "../2000-01-01T00:00:00Z")));

        Assert.StartsWith($"STAC search {fixture.Api.BaseUrl}/search returned no items for POST", ex.Message);
    }

    [Fact]
    public async Task UnknownPixelSelection_IsAnInvalidParameterListingTheMethods()
    {
        var ex = await Assert.ThrowsAsync<InvalidParameterException>(() => Open(("pixel_selection", "last")));

        Assert.Equal("pixel_selection 'last' is not one of count, first, highest, lowest, mean, median", ex.Message);
    }

    [Fact]
    public async Task UnknownAsset_IsNotFound()
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Open(("assets", "B99")));
    }

    [Fact]
    public async Task StaticCollection_IsMosaickedToo()
    {
        var source = await new StacSearchProvider(_host).OpenAsync(
            new SourceSpec(fixture.Api.BaseUrl + "/collection.json", new Dictionary<string, string> { ["ids"] = "item-b" }), default);

        using var data = await source.ReadAsync(Fixtures.Grid(64, 32), ["B03"], ReadOptions.Default, default);

        Assert.Equal(Fixtures.ValueAt("item-b", "B03", 70, 5), (ushort)data.Band(0)[5 * 32 + 6]);
    }
}
