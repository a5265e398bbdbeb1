using System.Net;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

/// <summary>WMTS GetTile and the layer tile endpoint share the tile cache: the same picture is rendered once.</summary>
public sealed class WmtsTileCacheTests : IDisposable
{
    private const string LayerTile = "/layers/demo/tiles/WebMercatorQuad/1/0/0.png";
    private const string KvpTile = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=demo&STYLE=default&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=1&TILEROW=0&TILECOL=0";
    private const string RestTile = "/wmts/1.0.0/demo/default/WebMercatorQuad/1/0/0.png";

    private readonly ServerFactory _server;
    private readonly FakeRasterDataset _dataset;

    public WmtsTileCacheTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        _dataset = FakeRasterDataset.Constant(_server.DataPath("demo.tif"), new Bounds(-20037508.342789244, 0, 0, 20037508.342789244), 3);
        opener.Add(_dataset);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetTile_AfterTheLayerEndpointDrewTheTile_IsServedFromTheCache()
    {
        var client = _server.CreateClient();
        var layer = await client.GetAsync(LayerTile);
        Assert.Equal(1, _dataset.Reads);

        var kvp = await client.GetAsync(KvpTile);
        var rest = await client.GetAsync(RestTile);

        Assert.Equal(1, _dataset.Reads);
        var bytes = await layer.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await kvp.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes, await rest.Content.ReadAsByteArrayAsync());
        Assert.Equal(layer.Headers.ETag, kvp.Headers.ETag);
        Assert.Equal("image/png", rest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SecondGetTile_IsServedFromTheCache_AndAnotherStyleIsDrawn()
    {
        var client = _server.CreateClient();
        await client.GetAsync(RestTile);
        await client.GetAsync(KvpTile);
        Assert.Equal(1, _dataset.Reads);

        var rgb = await client.GetAsync(RestTile.Replace("/default/", "/rgb/"));
        Assert.Equal(HttpStatusCode.OK, rgb.StatusCode);
        Assert.Equal(2, _dataset.Reads);
        await client.GetAsync(LayerTile + "?style=rgb");
        Assert.Equal(2, _dataset.Reads);
    }

    [Fact]
    public async Task GetTile_WithTheETag_Is304()
    {
        var client = _server.CreateClient();
        var first = await client.GetAsync(RestTile);
        using var request = new HttpRequestMessage(HttpMethod.Get, KvpTile);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("public, max-age=3600", first.Headers.CacheControl?.ToString());
    }
}
