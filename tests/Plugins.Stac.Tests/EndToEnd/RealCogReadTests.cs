using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Mosaic;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using OgcTiler.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Plugins.Stac.Tests.EndToEnd;

/// <summary>
/// The plugin over the raster engine's own opener: the fixture COGs are read (from disk and over HTTP from the
/// loopback API) and compared with the pixels GDAL exported from the same files.
/// </summary>
[Collection("stac-api")]
public sealed class RealCogReadTests(StacApiFixture fixture) : IDisposable
{
    private readonly RasterOpener _opener = new(() => FakePluginHost.Http, 16);

    private FakePluginHost Host => new(_opener);

    public void Dispose() => _opener.Dispose();

    [Fact]
    public async Task LocalItem_ReadsEachAssetsCog_ExactlyAsGdal()
    {
        var source = await new StacItemProvider(Host).OpenAsync(new SourceSpec(Fixtures.ItemPath("item-a"), new Dictionary<string, string>()), default);

        using var data = await source.ReadAsync(Fixtures.Grid(0, 64), ["B04", "B08_b1"], ReadOptions.Default, default);

        var (b04, b08) = (Fixtures.Pixels("item-a", "B04"), Fixtures.Pixels("item-a", "B08"));
        for (var p = 0; p < data.PixelCount; p++)
        {
            Assert.Equal(b04[p] == 0 ? 0 : 255, data.Mask[p]);
            if (b04[p] != 0)
            {
                Assert.Equal(b04[p], data.Band(0)[p]);
                Assert.Equal(b08[p], data.Band(1)[p]);
            }
        }
    }

    [Fact]
    public async Task ItemOverHttp_ReadsTheCogsByRangeRequests()
    {
        var url = $"{fixture.Api.BaseUrl}/items/item-b/item-b.json";
        var source = await new StacItemProvider(Host).OpenAsync(new SourceSpec(url, new Dictionary<string, string>()), default);

        using var data = await source.ReadAsync(Fixtures.Grid(32, 64), ["B03"], new ReadOptions(Unscale: true), default);

        var b03 = Fixtures.Pixels("item-b", "B03");
        for (var p = 0; p < data.PixelCount; p++)
        {
            Assert.Equal(b03[p] == 0 ? 0 : 255, data.Mask[p]);
            if (b03[p] != 0)
                Assert.Equal(b03[p] * 0.0001f, data.Band(0)[p], 6);
        }
        Assert.Contains(fixture.Api.Requests, r => r.PathAndQuery == "/items/item-b/B03.tif");
    }

    [Fact]
    public async Task SearchMosaic_First_MatchesTheFirstValidItemPerPixel()
    {
        var spec = new SourceSpec(fixture.Api.BaseUrl + "/search", new Dictionary<string, string> { ["method"] = "GET" });
        var source = await new StacSearchProvider(Host).OpenAsync(spec, default);

        using var data = await source.ReadAsync(Fixtures.Grid(0, 96), ["B08"], ReadOptions.Default, default);

        for (var row = 0; row < 64; row++)
        {
            for (var col = 0; col < 96; col++)
            {
                var expected = Fixtures.ValueAt("item-a", "B08", col, row) ?? Fixtures.ValueAt("item-b", "B08", col, row)
                    ?? Fixtures.ValueAt("item-c", "B08", col, row);
                var p = row * 96 + col;
                Assert.Equal(expected is null ? 0 : 255, data.Mask[p]);
                if (expected is { } value)
                    Assert.Equal(value, data.Band(0)[p]);
            }
        }
    }

    [Fact]
    public async Task SearchMosaic_InWebMercator_MatchesGdalwarpsMosaic()
    {
        var reference = JsonNode.Parse(File.ReadAllText(RepoPaths.Data("stac", "mosaic", "first-3857-B04.json")))!;
        var b = reference["bounds"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        var grid = new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], 96, 64);
        var raw = File.ReadAllBytes(RepoPaths.Data("stac", "mosaic", "first-3857-B04.u16"));
        var source = await new StacSearchProvider(Host).OpenAsync(new SourceSpec(fixture.Api.BaseUrl + "/search", new Dictionary<string, string>()), default);

        using var data = await source.ReadAsync(grid, ["B04"], ReadOptions.Default, default);

        var (different, valid) = (0, 0);
        for (var p = 0; p < data.PixelCount; p++)
        {
            var expected = BitConverter.ToUInt16(raw, 2 * p);
            valid += expected == 0 ? 0 : 1;
            if ((expected == 0 ? 0 : 255) != data.Mask[p] || (expected != 0 && expected != data.Band(0)[p]))
                different++;
        }
        Assert.True(valid > 4000, $"only {valid} valid pixels in the reference");
        Assert.Equal(0, different);
    }
}
