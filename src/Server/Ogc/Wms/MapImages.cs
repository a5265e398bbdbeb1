using OgcTiler.Server.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// The pictures WMS draws itself (the BLANK / INIMAGE exception pictures, legends) as <see cref="PixelImage"/>s, which
/// <c>ImageEncoders</c> then encode with the configured options like any map.
/// </summary>
internal static class MapImages
{
    public static PixelImage Blank(int width, int height, SKColor background) => Draw(width, height, background, _ => { });

    /// <summary>The message drawn in dark red, word-wrapped, over the background.</summary>
    public static PixelImage Message(string message, SKTypeface typeface, int width, int height, SKColor background) =>
        Draw(width, height, background, canvas =>
        {
            using var font = new SKFont(typeface, 12);
            using var paint = new SKPaint { Color = new SKColor(0x99, 0, 0), IsAntialias = true };
            var y = 16f;
            foreach (var line in Wrap(message, font, width - 8))
            {
                canvas.DrawText(line, 4, y, SKTextAlign.Left, font, paint);
                y += 14;
            }
        });

    public static SKColor Background(uint rgb, bool transparent) =>
        transparent ? SKColors.Transparent : new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb, 255);

    /// <summary>Draws on a canvas erased to the background; the result is RGBA, not premultiplied (the caller disposes it).</summary>
    public static unsafe PixelImage Draw(int width, int height, SKColor background, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(background);
        using (var canvas = new SKCanvas(bitmap))
            draw(canvas);
        var image = new PixelImage(width, height, 4);
        using var drawn = bitmap.PeekPixels();
        fixed (byte* pixels = image.Buffer)
        {
            if (!drawn.ReadPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), (IntPtr)pixels, image.Stride, 0, 0))
            {
                image.Dispose();
                throw new InvalidOperationException("SkiaSharp could not read back the drawn picture");
            }
        }
        return image;
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                yield return line;
                candidate = word;
            }
            line = candidate;
        }
        if (line.Length > 0)
            yield return line;
    }
}
