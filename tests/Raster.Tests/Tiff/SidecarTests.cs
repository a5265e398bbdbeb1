using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tests.Io;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// .ovr and .msk sidecars (tests/data/masks, made by make-masks.sh) read over HTTP from a real server on 127.0.0.1
/// and from local files that change; what they draw is compared with gdalwarp in <see cref="MaskedWarpTests"/>.
/// </summary>
public sealed class SidecarTests : IDisposable
{
    private readonly RangeServer _server = new();
    private readonly HttpClient _client = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("sidecars").FullName;

    private RasterOpener Opener() => new(() => _client, 16, CrsRegistry.Default, 16 * 1024);

    private string Serve(string name, params string[] suffixes)
    {
        foreach (var suffix in suffixes)
            _server.Add(name + suffix, File.ReadAllBytes(RepoPaths.Data("masks", "files", name + suffix)));
        return _server.Add(name, File.ReadAllBytes(RepoPaths.Data("masks", "files", name)));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(128)]
    public async Task OpenOverHttp_OvrMskAndMskOvr_ReadLikeTheLocalFile(int size)
    {
        var url = Serve("msk_ovr.tif", ".ovr", ".msk", ".msk.ovr");
        var remote = await Opener().OpenAsync(url, CancellationToken.None);
        var local = await Opener().OpenAsync(RepoPaths.Data("masks", "files", "msk_ovr.tif"), CancellationToken.None);
        var bounds = local.Info.Wgs84Bounds;
        var grid = new TargetGrid("EPSG:4326", bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY, size, size);
        var options = new ReadOptions(Resampling: ResamplingMethod.Bilinear, Reproject: ResamplingMethod.Bilinear);

        using var expected = await local.ReadAsync(grid, null, options, CancellationToken.None);
        using var actual = await remote.ReadAsync(grid, null, options, CancellationToken.None);

        Assert.Equal(2, remote.Info.Overviews.Count);
        Assert.True(remote.Info.HasMask);
        Assert.Contains(expected.Mask.ToArray(), m => m == 0);
        Assert.Equal(expected.Mask.ToArray(), actual.Mask.ToArray());
        for (var b = 0; b < 3; b++)
            Assert.Equal(expected.Band(b).ToArray(), actual.Band(b).ToArray());
        Assert.Empty(_server.NotFound);
    }

    [Fact]
    public async Task OpenOverHttp_MissingSidecars_OneRequestEach_RememberedWithTheHeader()
    {
        var url = Serve("ovr_nodata.tif");
        var opener = Opener();

        var dataset = await opener.OpenAsync(url, CancellationToken.None);
        await opener.OpenAsync(url, CancellationToken.None);

        Assert.Equal(["/ovr_nodata.tif.msk", "/ovr_nodata.tif.ovr"], _server.NotFound.Order());
        Assert.Empty(dataset.Info.Overviews);
        Assert.False(dataset.Info.HasMask);
    }

    [Fact]
    public async Task OpenOverHttp_InternalOverviewsAndMask_ProbesNoSidecar()
    {
        var url = Serve("internal_mask_ovr.tif");

        await Opener().OpenAsync(url, CancellationToken.None);

        Assert.Empty(_server.NotFound);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task OpenLocal_SidecarAddedOrRemoved_SeenOnTheNextOpen()
    {
        var path = Path.Combine(_directory, "msk_striped.tif");
        File.Copy(RepoPaths.Data("masks", "files", "msk_striped.tif"), path);
        var opener = Opener();
        Assert.False((await opener.OpenAsync(path, CancellationToken.None)).Info.HasMask);

        File.Copy(RepoPaths.Data("masks", "files", "msk_striped.tif.msk"), path + ".msk");
        Assert.True((await opener.OpenAsync(path, CancellationToken.None)).Info.HasMask);

        File.Delete(path + ".msk");
        Assert.False((await opener.OpenAsync(path, CancellationToken.None)).Info.HasMask);
    }

    [Fact]
    public async Task OpenLocal_SidecarNotATiff_IgnoredAsGdalDoes()
    {
        var path = Path.Combine(_directory, "ovr_nodata.tif");
        File.Copy(RepoPaths.Data("masks", "files", "ovr_nodata.tif"), path);
        await File.WriteAllTextAsync(path + ".ovr", "not a TIFF");

        var dataset = await Opener().OpenAsync(path, CancellationToken.None);

        Assert.Empty(dataset.Info.Overviews);
    }

    [Theory]
    [InlineData("https://h/a.tif", "https://h/a.tif.msk")]
    [InlineData("https://h/a.tif?X-Amz-Signature=1", "https://h/a.tif.msk?X-Amz-Signature=1")]
    public void NameOf_PutsTheSuffixBeforeTheQuery(string uri, string expected) =>
        Assert.Equal(expected, Sidecars.NameOf(uri, Sidecars.Mask));

    public void Dispose()
    {
        _server.Dispose();
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
