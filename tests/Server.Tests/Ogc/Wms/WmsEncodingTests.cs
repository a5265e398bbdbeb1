using Microsoft.Extensions.DependencyInjection;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>
/// Every WMS picture (maps, exception pictures, legends) is encoded by <see cref="ImageEncoders"/> with the
/// <c>Encoding</c> options, not with fixed settings: the real server on the demo COG, at two settings each.
/// </summary>
public sealed class WmsEncodingTests
{
    private const string Map = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=CRS:84&BBOX=30.72,29.38,30.74,29.40&LAYERS=s2&STYLES=&WIDTH=64&HEIGHT=64";

    [Theory]
    [InlineData("Encoding:Jpeg:Quality", "10", "95", "image/jpeg")]
    [InlineData("Encoding:Webp:Quality", "5", "95", "image/webp")]
    public async Task GetMap_LossyQualityFollowsTheEncodingOptions(string key, string low, string high, string format)
    {
        var small = await GetAsync(key, low, $"{Map}&FORMAT={format}");
        var large = await GetAsync(key, high, $"{Map}&FORMAT={format}");
        Assert.True(small.Bytes.Length < large.Bytes.Length, $"{key}={low} gave {small.Bytes.Length} bytes, {key}={high} gave {large.Bytes.Length}");
    }

    [Fact]
    public async Task GetMap_JpegIsTheConfiguredEncoderOfTheMapPicture()
    {
        using var server = new ServerFactory { Settings = new Dictionary<string, string> { ["Encoding:Jpeg:Quality"] = "20" } };
        var client = server.CreateClient();
        var png = await client.GetByteArrayAsync($"{Map}&FORMAT=image/png");
        var jpeg = await client.GetByteArrayAsync($"{Map}&FORMAT=image/jpeg");
        using var picture = Decode(png, 64, 64);
        var expected = server.Services.GetRequiredService<ImageEncoders>().Get(ImageFormat.Jpeg).Encode(picture);
        Assert.Equal(expected, jpeg);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    public async Task BlankExceptionPicture_IsEncodedWithThePngOptions(string level)
    {
        using var server = new ServerFactory { Settings = new Dictionary<string, string> { ["Encoding:Png:ZlibLevel"] = level } };
        var response = await server.CreateClient().GetAsync(Map.Replace("LAYERS=s2", "LAYERS=nope") + "&FORMAT=image/png&EXCEPTIONS=BLANK");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var blank = Decode(bytes, 64, 64);
        var encoders = server.Services.GetRequiredService<ImageEncoders>();
        Assert.Equal(encoders.Get(ImageFormat.Png).Encode(blank), bytes);
        Assert.Equal(level == "0", bytes.Length > 64 * 64 * 3); // stored deflate blocks hold every byte
    }

    [Fact]
    public async Task Legend_IsEncodedWithThePngOptions()
    {
        var stored = await GetAsync("Encoding:Png:ZlibLevel", "0", "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=s2&FORMAT=image/png");
        var packed = await GetAsync("Encoding:Png:ZlibLevel", "9", "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=s2&FORMAT=image/png");
        Assert.True(packed.Bytes.Length < stored.Bytes.Length / 4, $"ZlibLevel 9: {packed.Bytes.Length} bytes, 0: {stored.Bytes.Length}");
        using var picture = Decode(stored.Bytes, 120, 200);
        Assert.Equal(stored.Encoders.Get(ImageFormat.Png).Encode(picture), stored.Bytes);
    }

    private static async Task<(byte[] Bytes, ImageEncoders Encoders)> GetAsync(string key, string value, string url)
    {
        using var server = new ServerFactory { Settings = new Dictionary<string, string> { [key] = value } };
        var response = await server.CreateClient().GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return (bytes, server.Services.GetRequiredService<ImageEncoders>());
    }

    /// <summary>A PNG's pixels as the RGBA picture the encoders take.</summary>
    private static PixelImage Decode(byte[] png, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(png, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        var image = new PixelImage(width, height, 4);
        bitmap.GetPixelSpan().CopyTo(image.Pixels);
        return image;
    }
}
