using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;

namespace OgcTiler.Server.Tests.Api;

/// <summary>
/// TiTiler's HTTP behaviour on the real server over the GDAL-made COGs: compression (titiler application
/// tests/routes/test_cog.py test_tile: "Test brotli compression", "Exclude png from compression middleware", "Test gzip
/// fallback"), the default Cache-Control (test_cog.py test_wmts, with TiTiler's default value) and image/jpg.
/// </summary>
public sealed class TitilerHttpTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "visual.tif", "b08.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static string TilePath(string extension)
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("inside");
        return $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}.{extension}?url=data/visual.tif";
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
            request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        var response = await _cogs.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return response;
    }

    [Theory]
    [InlineData("npy", "br")]
    [InlineData("npy", "gzip")]
    [InlineData("tif", "br")]
    public async Task DataTiles_AreCompressed_AndDecompressToTheSameBytes(string extension, string encoding)
    {
        var plain = await (await GetAsync(TilePath(extension))).Content.ReadAsByteArrayAsync();
        var response = await GetAsync(TilePath(extension), encoding);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal(plain, Decompress(await response.Content.ReadAsByteArrayAsync(), encoding));
    }

    [Fact]
    public async Task Json_IsCompressed_PreferringBrotli()
    {
        var response = await GetAsync("/cog/info?url=data/visual.tif", "gzip, br");
        var plain = await (await GetAsync("/cog/info?url=data/visual.tif")).Content.ReadAsByteArrayAsync();

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal(plain, Decompress(await response.Content.ReadAsByteArrayAsync(), "br"));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task Images_AreNotCompressedAgain(string extension)
    {
        var response = await GetAsync(TilePath(extension), "br, gzip");
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/cog/info?url=data/visual.tif")]
    [InlineData("/cog/WebMercatorQuad/WMTSCapabilities.xml?url=data/visual.tif")]
    [InlineData("/cog/statistics?url=data/b08.tif")]
    public async Task Documents_HaveTitilersDefaultCacheControl(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Tiles_KeepTheirOwnCacheControl()
    {
        var response = await GetAsync(TilePath("png"));
        var maxAge = _cogs.Server.Services.GetRequiredService<OgcTiler.Server.Configuration.ServerOptions>().Cache.Tiles.MaxAgeSeconds;
        Assert.Equal(TimeSpan.FromSeconds(maxAge), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task OtherDoors_GetNoDefaultCacheControl()
    {
        var response = await GetAsync("/tileMatrixSets");
        Assert.Null(response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("jpg", "image/jpg")] // TiTiler's ImageType.jpg
    [InlineData("jpeg", "image/jpeg")]
    public async Task Jpeg_ContentType_FollowsTheExtension(string extension, string contentType)
    {
        var response = await GetAsync(TilePath(extension));
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(contentType, (await GetAsync($"/cog/preview.{extension}?url=data/visual.tif")).Content.Headers.ContentType?.MediaType);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
