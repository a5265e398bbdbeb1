using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Sources;

public sealed class CogSourceProviderTests
{
    private static readonly FakeRasterDataset Dataset = new("/data/x.tif", "EPSG:3857", new Bounds(0, 0, 1024, 1024), 4, (b, _, _) => b);
    private static readonly CogSourceProvider Provider = new(new FakeRasterOpener().Add(Dataset));

    [Fact]
    public async Task Open_NamesBandsB1ToBN_AndReadsThemByName()
    {
        var source = await Provider.OpenAsync(new SourceSpec("/data/x.tif", new Dictionary<string, string>()), default);

        Assert.Equal(["b1", "b2", "b3", "b4"], source.Info.BandNames);
        Assert.Equal(1.0, source.Info.NativeResolution);
        using var data = await source.ReadAsync(new TargetGrid("EPSG:3857", 0, 0, 8, 8, 8, 8), ["b4", "b2"], ReadOptions.Default, default);
        Assert.Equal([4f, 2f], [data.Band(0)[0], data.Band(1)[0]]);
    }

    [Fact]
    public async Task Read_UnknownBand_NamesTheBandsThereAre()
    {
        var source = await Provider.OpenAsync(new SourceSpec("/data/x.tif", new Dictionary<string, string>()), default);

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            source.ReadAsync(new TargetGrid("EPSG:3857", 0, 0, 8, 8, 8, 8), ["b5"], ReadOptions.Default, default));
        Assert.Contains("has no band 'b5' (bands: b1, b2, b3, b4)", error.Message);
    }
}
