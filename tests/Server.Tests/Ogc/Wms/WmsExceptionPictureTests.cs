using System.Xml.Linq;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>
/// GetMap errors reported as pictures (WMS 1.3.0 7.3.3.11 and 1.1.1 7.2.3.11, EXCEPTIONS): ported from ets-wms13
/// <c>getmap.xml</c> (getmap:exceptions-inimage-mime, -blank-red, -blank-transparent, -blank-mime) and ets-wms11
/// <c>tests.xml</c> (wmsops-getmap-params-exceptions-3..7): LAYERS=NonExistant, a picture of the FORMAT, WIDTH and
/// HEIGHT asked with HTTP 200; INIMAGE holds the message as drawn text, BLANK only the background.
/// </summary>
public sealed class WmsExceptionPictureTests
{
    private const string Map130 = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=CRS:84&BBOX=0,0,1,1&LAYERS=NonExistant&STYLES=&WIDTH=100&HEIGHT=100";
    private const string Map111 = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX=-1,-1,1,1&LAYERS=NonExistant&STYLES=&WIDTH=400&HEIGHT=400";

    [Theory]
    [InlineData(Map130, "BLANK")]
    [InlineData(Map111, "application/vnd.ogc.se_blank")]
    public async Task Blank_Opaque_IsOnlyTheBgcolor(string map, string mode)
    {
        await using var host = await OgcTestHost.StartAsync();
        using var bitmap = await PictureAsync(host, $"{map}&FORMAT=image/png&TRANSPARENT=FALSE&BGCOLOR=0xFF0000&EXCEPTIONS={mode}", "image/png");
        Assert.Equal(bitmap.Width * bitmap.Height, Count(bitmap, c => c == new SKColor(0xFF, 0, 0, 0xFF)));
    }

    [Theory]
    [InlineData(Map130, "BLANK")]
    [InlineData(Map111, "application/vnd.ogc.se_blank")]
    public async Task Blank_Transparent_IsOnlyTransparentPixels(string map, string mode)
    {
        await using var host = await OgcTestHost.StartAsync();
        using var bitmap = await PictureAsync(host, $"{map}&FORMAT=image/png&TRANSPARENT=TRUE&EXCEPTIONS={mode}", "image/png");
        Assert.Equal(bitmap.Width * bitmap.Height, Count(bitmap, c => c.Alpha == 0));
    }

    [Theory]
    [InlineData(Map130, "INIMAGE", "image/png")]
    [InlineData(Map130, "INIMAGE", "image/jpeg")]
    [InlineData(Map130, "INIMAGE", "image/webp")]
    [InlineData(Map111, "application/vnd.ogc.se_inimage", "image/png")]
    [InlineData(Map111, "application/vnd.ogc.se_inimage", "image/jpeg")]
    public async Task InImage_DrawsTheMessageOverTheBgcolor(string map, string mode, string format)
    {
        await using var host = await OgcTestHost.StartAsync();
        using var bitmap = await PictureAsync(host, $"{map}&FORMAT={format}&BGCOLOR=0x336699&EXCEPTIONS={mode}", format);
        var lossy = format != "image/png";
        var bgcolor = new SKColor(0x33, 0x66, 0x99);
        // Lossy encoders subsample the colour of thin glyphs: there the text is the pixels far from the background.
        var text = lossy ? Count(bitmap, c => Distance(c, bgcolor) > 60) : Count(bitmap, IsText);
        var background = Count(bitmap, c => Near(c, bgcolor, lossy ? 12 : 0));
        // "layer 'NonExistant' is not defined" in 12 px type: a few hundred glyph pixels, the rest background.
        Assert.True(text > 100, $"{text} pixels of the message");
        Assert.True(background > bitmap.Width * bitmap.Height * 8 / 10, $"{background} background pixels");
        Assert.True(Near(bitmap.GetPixel(bitmap.Width - 1, bitmap.Height - 1), new SKColor(0x33, 0x66, 0x99), lossy ? 12 : 0));
    }

    [Fact]
    public async Task InImage_Transparent_DrawsTheMessageOnTransparentPixels()
    {
        await using var host = await OgcTestHost.StartAsync();
        using var bitmap = await PictureAsync(host, $"{Map130}&FORMAT=image/png&TRANSPARENT=TRUE&EXCEPTIONS=INIMAGE", "image/png");
        Assert.True(Count(bitmap, IsText) > 100);
        Assert.True(Count(bitmap, c => c.Alpha == 0) > bitmap.Width * bitmap.Height * 8 / 10);
    }

    [Fact]
    public async Task InImage_TheTextIsTheErrorMessage_NotAFixedPicture()
    {
        await using var host = await OgcTestHost.StartAsync();
        using var layer = await PictureAsync(host, $"{Map130}&FORMAT=image/png&EXCEPTIONS=INIMAGE", "image/png");
        using var style = await PictureAsync(host, $"{Map130.Replace("NonExistant", "utm").Replace("STYLES=", "STYLES=nope")}&FORMAT=image/png&EXCEPTIONS=INIMAGE", "image/png");
        Assert.NotEqual(Count(layer, IsText), Count(style, IsText));
    }

    [Theory]
    [InlineData("PDF")]
    [InlineData("inimage")]
    [InlineData("application/vnd.ogc.se_pdf")]
    public async Task UnknownExceptionsValue_IsAnXmlReport(string mode)
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync($"{Map130.Replace("NonExistant", "utm")}&FORMAT=image/png&EXCEPTIONS={mode}");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var exception = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements().Single();
        Assert.Equal(("InvalidParameterValue", "exceptions"), ((string?)exception.Attribute("code"), (string?)exception.Attribute("locator")));
    }

    [Fact]
    public async Task InImage_LargerThanTheMaximumSize_IsAnXmlReport()
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync($"{Map130.Replace("WIDTH=100", "WIDTH=5000")}&FORMAT=image/png&EXCEPTIONS=INIMAGE");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<SKBitmap> PictureAsync(OgcTestHost host, string url, string format)
    {
        var response = await host.Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(format, response.Content.Headers.ContentType?.MediaType);
        var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(1, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul).WithSize(DecodedSize(bytes)));
        Assert.NotNull(bitmap);
        var query = System.Web.HttpUtility.ParseQueryString(url[(url.IndexOf('?') + 1)..]);
        Assert.Equal((int.Parse(query["WIDTH"]!), int.Parse(query["HEIGHT"]!)), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    private static SKSizeI DecodedSize(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        return codec.Info.Size;
    }

    private static int Count(SKBitmap bitmap, Func<SKColor, bool> match)
    {
        var n = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (match(bitmap.GetPixel(x, y)))
                    n++;
        return n;
    }

    /// <summary>A pixel of the message (dark red 0x990000, anti-aliased): opaque enough, red over green, little blue.</summary>
    private static bool IsText(SKColor c) => c.Alpha > 128 && c.Red > c.Green + 40 && c.Blue < 100;

    private static int Distance(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);

    private static bool Near(SKColor a, SKColor b, int tolerance) =>
        a.Alpha == 255 && Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;
}
