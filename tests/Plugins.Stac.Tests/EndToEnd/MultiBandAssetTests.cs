using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using OgcTiler.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Plugins.Stac.Tests.EndToEnd;

/// <summary>
/// An item whose "visual" asset is a 3-band COG made with GDAL (tests/data/api/make_real_cogs.py), read through the
/// raster engine: every band of an asset is a band of the source, as rio-tiler reads assets.
/// </summary>
public sealed class MultiBandAssetTests : IDisposable
{
    private const int Width = 128, Height = 96;
    private static readonly TargetGrid Native = new("EPSG:32631", 500000, 5000000 - Height * 10, 500000 + Width * 10, 5000000, Width, Height);
    private readonly RasterOpener _opener = new(() => FakePluginHost.Http, 16);

    public void Dispose() => _opener.Dispose();

    private Task<IRasterSource> OpenAsync(string item) =>
        new StacItemProvider(new FakePluginHost(_opener)).OpenAsync(new SourceSpec(RepoPaths.Data("api", "cogs", item), new Dictionary<string, string>()), default);

    [Theory]
    [InlineData("item.json")]
    [InlineData("item-bare.json")] // no band metadata: counts come from the COG headers
    public async Task BandNames_ListEveryBandOfEachAsset(string item)
    {
        var source = await OpenAsync(item);

        Assert.Equal(["visual_b1", "visual_b2", "visual_b3", "B08"], source.Info.BandNames);
    }

    [Fact]
    public async Task DefaultRead_GivesTheThreeVisualBandsAsGdalReadsThem()
    {
        var source = await OpenAsync("item-bare.json");

        using var data = await source.ReadAsync(Native, [], ReadOptions.Default, default);

        var visual = File.ReadAllBytes(RepoPaths.Data("api", "cogs", "visual.u8"));
        var b08 = File.ReadAllBytes(RepoPaths.Data("api", "cogs", "b08.u16"));
        for (var p = 0; p < Width * Height; p++)
        {
            for (var b = 0; b < 3; b++)
                Assert.Equal(visual[b * Width * Height + p], data.Band(b)[p]);
            var nir = BitConverter.ToUInt16(b08, 2 * p);
            Assert.Equal(nir == 0 ? 0 : 255, data.Mask[p]);
            if (nir != 0)
                Assert.Equal(nir, data.Band(3)[p]);
        }
    }

    [Fact]
    public async Task TheAssetNameAlone_OfAMultiBandAsset_IsRejected()
    {
        var source = await OpenAsync("item.json");

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => source.ReadAsync(Native, ["visual"], ReadOptions.Default, default));

        Assert.Contains("has 3 bands", error.Message);
    }
}
