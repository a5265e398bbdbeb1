using System.Net;
using System.Net.Http.Headers;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Tests.Api;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>
/// The entity tag of a tile comes from its inputs (configuration, source version, request), so If-None-Match is
/// answered before anything is read or rendered, also on an instance that never drew the tile.
/// </summary>
public sealed class ConditionalTileTests : IDisposable
{
    private const string LayerTile = "/layers/demo/tiles/WebMercatorQuad/1/0/0.png";
    private const string WmtsTile = "/wmts/1.0.0/demo/default/WebMercatorQuad/1/0/0.png";
    private const string WmsMap = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=demo&STYLES=&CRS=EPSG:3857&BBOX=-20037508.342789244,0,0,20037508.342789244&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE";
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly List<ServerFactory> _servers = [];

    public void Dispose()
    {
        foreach (var server in _servers)
            server.Dispose();
    }

    [Theory]
    [InlineData(LayerTile)]
    [InlineData(WmtsTile)]
    [InlineData(WmsMap)]
    public async Task IfNoneMatch_OnAnInstanceThatNeverDrewTheTile_Is304WithoutReadingTheRaster(string path)
    {
        var (drawing, _) = Instance();
        var first = await drawing.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (other, dataset) = Instance();

        var second = await SendAsync(other.CreateClient(), path, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("OgcTiler; hit; detail=etag", CacheStatus(second));
        Assert.Equal(0, dataset.Reads);
    }

    [Fact]
    public async Task IfNoneMatch_OnACachedTile_Is304_AndAnotherTagGetsTheTile()
    {
        var (server, dataset) = Instance();
        var client = server.CreateClient();
        var first = await client.GetAsync(LayerTile);

        var matching = await SendAsync(client, LayerTile, first.Headers.ETag!);
        var other = await SendAsync(client, LayerTile, new EntityTagHeaderValue("\"0123456789abcdef\""));

        Assert.Equal(HttpStatusCode.NotModified, matching.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("OgcTiler; hit", CacheStatus(other));
        Assert.Equal(1, dataset.Reads);
    }

    [Fact]
    public async Task TileOfAChangedFile_HasANewETag_AndIsDrawnAgain()
    {
        var server = new ServerFactory(ServerFactory.DemoConfig(), opener: null);
        _servers.Add(server);
        var file = server.DataPath("visual.tif");
        File.Copy(RealCogs.Path("visual.tif"), file);
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("inside");
        var path = $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}.png?url=data/visual.tif";
        var client = server.CreateClient();
        var first = await client.GetAsync(path);
        var again = await client.GetAsync(path);

        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddMinutes(1));
        var changed = await SendAsync(client, path, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("OgcTiler; hit", CacheStatus(again));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(changed));
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
    }

    [Fact]
    public async Task CachedTile_HasLastModified_AndIfModifiedSinceIsAnsweredFromIt()
    {
        var (server, dataset) = Instance();
        var client = server.CreateClient();
        var first = await client.GetAsync(LayerTile);
        var rendered = first.Content.Headers.LastModified;

        var sinceThen = await SendSinceAsync(client, LayerTile, rendered!.Value);
        var sinceBefore = await SendSinceAsync(client, LayerTile, rendered.Value.AddSeconds(-1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.InRange(rendered.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Empty(first.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotModified, sinceThen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sinceBefore.StatusCode);
        Assert.Equal(rendered, sinceBefore.Content.Headers.LastModified);
        Assert.Equal(1, dataset.Reads);
    }

    private static async Task<HttpResponseMessage> SendSinceAsync(HttpClient client, string path, DateTimeOffset since)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfModifiedSince = since;
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    private (ServerFactory, FakeRasterDataset) Instance()
    {
        var opener = new FakeRasterOpener();
        var server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        var dataset = FakeRasterDataset.Constant(server.DataPath("demo.tif"), Area, 3);
        opener.Add(dataset);
        _servers.Add(server);
        return (server, dataset);
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? values.Single() : null;
}
