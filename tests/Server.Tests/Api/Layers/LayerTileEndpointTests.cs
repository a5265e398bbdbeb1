using System.Net;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Layers;

public sealed class LayerTileEndpointTests : IDisposable
{
    // Tile WebMercatorQuad 1/0/0 is the north-west quarter of the world: x -20037508..0, y 0..20037508.
    private static readonly Bounds NorthWestQuarter = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly ServerFactory _server;
    private readonly FakeRasterDataset _dataset;

    public LayerTileEndpointTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        _dataset = FakeRasterDataset.Constant(_server.DataPath("demo.tif"), NorthWestQuarter, 3);
        opener.Add(_dataset);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Tile_InsideData_IsGreyPngOfRescaledBand()
    {
        var response = await _server.CreateClient().GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((256, 256), (bitmap.Width, bitmap.Height));
        // band 1 = 1000, rescale 0..3000 → 1000/3000*255 = 85 (truncated)
        Assert.Equal(new SKColor(85, 85, 85, 255), bitmap.GetPixel(10, 10));
        Assert.Equal(new SKColor(85, 85, 85, 255), bitmap.GetPixel(255, 255));
    }

    [Fact]
    public async Task Tile_WithStyleAndQueryRescale_UsesThem()
    {
        var response = await _server.CreateClient().GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?style=rgb&rescale=0,1000&rescale=0,2000&rescale=0,6000");

        using var bitmap = Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new SKColor(255, 255, 127, 255), bitmap.GetPixel(100, 100));
    }

    [Fact]
    public async Task Tile_InsideMatrixButOutsideData_IsFullyTransparent()
    {
        var response = await _server.CreateClient().GetAsync("/layers/demo/tiles/WebMercatorQuad/1/1/0.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, bitmap.GetPixel(0, 0).Alpha);
        Assert.Equal(0, bitmap.GetPixel(255, 255).Alpha);
    }

    [Theory]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/2/0.png", 404, "outside TileMatrixSet 'WebMercatorQuad'")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/25/0/0.png", 404, "has no tile matrix '25'")]
    [InlineData("/layers/nope/tiles/WebMercatorQuad/1/0/0.png", 404, "layers: demo")]
    [InlineData("/layers/demo/tiles/NoSuchSet/1/0/0.png", 404, "offered: WebMercatorQuad")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.gif", 400, "use png, jpg, jpeg or webp")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?style=fancy", 400, "styles: default, rgb")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?resampling=lanczos", 400, "nearest, bilinear, cubic, average")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?rescale=0", 400, "rescale")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?bidx=7", 400, "bands 1..3")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?expression=b1*2", 400, "Expressions plugin")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?colormap_name=viridis", 400, "Colormaps plugin")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?color_formula=gamma+rgb+2", 400, "Colormaps plugin")]
    [InlineData("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?bidx=1,2", 400, "choose 1 (grey) or 3 (RGB)")]
    public async Task BadRequests_AreProblemsNamingTheChoices(string url, int status, string detail)
    {
        var response = await _server.CreateClient().GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tile_WithMatchingIfNoneMatch_Is304()
    {
        var client = _server.CreateClient();
        var first = await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_ReturnsHeadersWithoutBody()
    {
        var client = _server.CreateClient();
        var get = await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/layers/demo/tiles/WebMercatorQuad/1/0/0.png"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Tile_WithOrigin_AllowsAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        request.Headers.Add("Origin", "https://maps.example.org");
        var response = await _server.CreateClient().SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Tiles_AreCachedWhenEnabled()
    {
        var client = _server.CreateClient();
        await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");

        Assert.Equal(1, _dataset.Reads);
    }

    [Fact]
    public async Task Tiles_OfTwoSpellingsOfOneRequest_AreRenderedOnce()
    {
        var client = _server.CreateClient();
        var first = await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?bidx=2&rescale=0,3000");
        var second = await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?RESCALE=[0,3000]&Bidx=2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(1, _dataset.Reads);
    }

    [Fact]
    public async Task Tiles_AreRenderedEveryTimeWhenCacheDisabled()
    {
        var opener = new FakeRasterOpener();
        using var server = new ServerFactory(ServerFactory.DemoConfig(extra: """, "Cache": { "Tiles": { "Enabled": false } }"""), opener);
        var dataset = FakeRasterDataset.Constant(server.DataPath("demo.tif"), NorthWestQuarter, 3);
        opener.Add(dataset);
        var client = server.CreateClient();

        await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");
        await client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png");

        Assert.Equal(2, dataset.Reads);
        Assert.Single(opener.Opened);
    }

    [Theory]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task Tile_OtherFormats_DecodeToTheSamePicture(string extension, string contentType)
    {
        var response = await _server.CreateClient().GetAsync($"/layers/demo/tiles/WebMercatorQuad/1/0/0.{extension}");

        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        using var bitmap = Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.InRange(bitmap.GetPixel(128, 128).Red, 83, 87);
    }

    private static SKBitmap Decode(byte[] bytes) =>
        SKBitmap.Decode(bytes, new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Unpremul)) ?? throw new InvalidDataException("not an image");
}
