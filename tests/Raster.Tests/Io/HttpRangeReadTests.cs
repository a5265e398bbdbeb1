using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tests.Tiff;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Io;

/// <summary>Reading a COG over HTTP from a real server on 127.0.0.1, counting requests and bytes.</summary>
public sealed class HttpRangeReadTests : IDisposable
{
    /// <summary>The fixture's header (IFDs and tag values) fits in 8 KiB; its tiles lie after it.</summary>
    private const int Prefetch = 8 * 1024;

    private readonly RangeServer _server = new();
    private readonly HttpClient _client = new();
    private readonly byte[] _file = File.ReadAllBytes(TiffFixtures.PathOf("cog_mask_u16.tif"));
    private readonly string _url;

    public HttpRangeReadTests() => _url = _server.Add("cog_mask_u16.tif", _file);

    private RasterOpener Opener(int prefetch = Prefetch) => new(() => _client, 16, CrsRegistry.Default, prefetch);

    private async Task<GeoTiffDataset> OpenAsync(RasterOpener opener) => (GeoTiffDataset)await opener.OpenAsync(_url, CancellationToken.None);

    [Fact]
    public async Task Open_ReadsTheHeaderWithOneRangeRequest()
    {
        var dataset = await OpenAsync(Opener());

        Assert.Equal([(0L, Prefetch - 1L)], _server.Ranges);
        var local = await TiffFixtures.OpenAsync("cog_mask_u16.tif");
        Assert.Equal(local.Info.GeoTransform, dataset.Info.GeoTransform);
        Assert.Equal(local.Info.Overviews, dataset.Info.Overviews);
    }

    [Fact]
    public async Task Open_HeaderLargerThanPrefetch_ExtendsWithFewRequests()
    {
        var dataset = await OpenAsync(Opener(prefetch: 1024));

        Assert.InRange(_server.Requests, 2, 4);
        Assert.Equal(3, dataset.Info.Overviews.Count);
    }

    [Fact]
    public async Task ReadBlocks_NeighbouringBlocks_OneCoalescedRequestWithTheirMasks()
    {
        var dataset = await OpenAsync(Opener());
        _server.ResetCounts();

        var blocks = await dataset.ReadBlocksAsync(0, [new BlockIndex(1, 1), new BlockIndex(2, 1)], CancellationToken.None);

        Assert.Equal(1, _server.Requests);
        Assert.True(_server.BytesServed < _file.Length / 4, $"{_server.BytesServed} bytes read for two 32×32 blocks");
        var local = await TiffFixtures.OpenAsync("cog_mask_u16.tif");
        var expected = await local.ReadBlocksAsync(0, [new BlockIndex(1, 1), new BlockIndex(2, 1)], CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(((RasterBlock<ushort>)expected[i]).Samples, ((RasterBlock<ushort>)blocks[i]).Samples);
            Assert.Equal(expected[i].Mask, blocks[i].Mask);
        }
    }

    [Fact]
    public async Task ColdTile_TakesTwoRequests_ThenNoneOnceCached()
    {
        var opener = Opener();
        var dataset = await OpenAsync(opener);
        await dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);
        Assert.Equal(2, _server.Requests);

        _server.ResetCounts();
        var again = await OpenAsync(opener);
        await again.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);
        Assert.Equal(0, _server.Requests);

        await again.ReadBlocksAsync(0, [new BlockIndex(1, 0)], CancellationToken.None);
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task ReadBlocks_FileChangedOnTheServer_FailsAndNextOpenRereadsTheHeader()
    {
        var opener = Opener();
        var dataset = await OpenAsync(opener);
        _server.ETag = "\"v2\"";

        var e = await Assert.ThrowsAsync<UpstreamException>(() => dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None));
        Assert.Equal(412, e.UpstreamStatus);

        _server.ResetCounts();
        var reopened = await OpenAsync(opener);
        await reopened.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Open_MissingRemoteFile_ThrowsResourceNotFound()
    {
        var e = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Opener().OpenAsync(_server.BaseUrl + "missing.tif", CancellationToken.None));
        Assert.Contains("missing.tif", e.Message);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    [InlineData(503)]
    public async Task Open_ServerError_ThrowsUpstreamWithTheStatus(int status)
    {
        _server.FailWith = status;
        var e = await Assert.ThrowsAsync<UpstreamException>(() => Opener().OpenAsync(_url, CancellationToken.None));
        Assert.Equal(status, e.UpstreamStatus);
        Assert.Contains(_url, e.Message);
    }

    [Fact]
    public async Task Open_ServerIgnoringRange_ThrowsUpstream()
    {
        _server.IgnoreRange = true;
        var e = await Assert.ThrowsAsync<UpstreamException>(() => Opener().OpenAsync(_url, CancellationToken.None));
        Assert.Contains("does not support range requests", e.Message);
    }

    [Fact]
    public async Task Open_UnreachableServer_ThrowsUpstream()
    {
        var url = _server.BaseUrl + "cog_mask_u16.tif";
        _server.Dispose();
        await Assert.ThrowsAsync<UpstreamException>(() => Opener().OpenAsync(url, CancellationToken.None));
    }

    public void Dispose()
    {
        _server.Dispose();
        _client.Dispose();
    }
}
