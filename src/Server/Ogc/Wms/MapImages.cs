using OgcTiler.Server.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// The pictures WMS draws itself: the BLANK / INIMAGE exception pictures.
/// </summary>
internal static class MapImages
{
    public static EncodedImage Blank(int width, int height, ImageFormat format, SKColor background)
    {
        using var bitmap = NewBitmap(width, height, background);
        return Encode(bitmap, format);
    }

    /// <summary>The message drawn in dark red, word-wrapped, over the background.</summary>
    public static EncodedImage Message(string message, int width, int height, ImageFormat format, SKColor background)
    {
        using var bitmap = NewBitmap(width, height, background);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var font = new SKFont(SKTypeface.Default, 12);
            using var paint = new SKPaint { Color = new SKColor(0x99, 0, 0), IsAntialias = true };
            var y = 16f;
            foreach (var line in Wrap(message, font, width - 8))
            {
                canvas.DrawText(line, 4, y, SKTextAlign.Left, font, paint);
                y += 14;
            }
        }
        return Encode(bitmap, format);
    }

    public static SKColor Background(uint rgb, bool transparent) =>
        transparent ? SKColors.Transparent : new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb, 255);

    private static SKBitmap NewBitmap(int width, int height, SKColor background)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(background);
        return bitmap;
    }

    public static EncodedImage Encode(SKBitmap bitmap, ImageFormat format)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = format.Name switch
        {
            "jpeg" => pixmap.Encode(new SKJpegEncoderOptions(85, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            "webp" => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 75)),
            _ => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1)),
        };
        return new EncodedImage(data?.ToArray() ?? throw new InvalidOperationException($"SkiaSharp could not encode {format.Name}"), format);
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
