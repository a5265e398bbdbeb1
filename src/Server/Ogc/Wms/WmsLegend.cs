using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// GetLegendGraphic pictures: the style's colormap as a vertical ramp (or one swatch per class) with its value
/// labels; without a colormap, a grey ramp for one band or one swatch per band for RGB.
/// </summary>
internal static class WmsLegend
{
    /// <summary>The content type of <see cref="Picture"/>.</summary>
    public const string Format = "image/png";
    public static readonly ImageFormat Picture = ImageFormat.Png;
    public const int DefaultWidth = 120;
    public const int DefaultHeight = 200;
    private const int Margin = 6;
    private const int BarWidth = 24;

    /// <summary>The legend picture (the caller disposes it); the style's colormap is found as tiles find it, so an unknown one is the same error.</summary>
    public static PixelImage Draw(RenderOptions style, IReadOnlyList<string> sourceBands, IColormapProvider? colormaps, SKTypeface typeface, int width, int height)
    {
        var entries = ColormapLookup.Find(colormaps, style)?.Entries ?? [];
        return MapImages.Draw(width, height, SKColors.White, canvas =>
        {
            using var font = new SKFont(typeface, 11);
            if (entries.Count is > 0 and <= 32 && entries.All(e => e.Min == e.Max))
                DrawClasses(canvas, font, entries, height);
            else if (entries.Count > 0)
                DrawRamp(canvas, font, entries, Range(style), height);
            else
                DrawBands(canvas, font, style, sourceBands, height);
        });
    }

    /// <summary>The values the ramp's ends stand for: the style's first rescale range, else 0..255.</summary>
    private static (double Min, double Max) Range(RenderOptions style) =>
        style.Rescale is [var first, ..] ? (first.Min, first.Max) : (0, 255);

    private static void DrawRamp(SKCanvas canvas, SKFont font, IReadOnlyList<ColormapEntry> entries, (double Min, double Max) range, int height)
    {
        var top = Margin;
        var bottom = height - Margin;
        using var paint = new SKPaint();
        for (var y = top; y < bottom; y++)
        {
            // Top of the ramp is the largest value, as map legends are read.
            var t = 1 - (y - top) / (double)Math.Max(1, bottom - top - 1);
            var e = entries[(int)Math.Round(t * (entries.Count - 1))];
            paint.Color = new SKColor(e.R, e.G, e.B, 255);
            canvas.DrawRect(Margin, y, BarWidth, 1, paint);
        }
        Label(canvas, font, FormatValue(range.Max), top + 10);
        Label(canvas, font, FormatValue((range.Min + range.Max) / 2), (top + bottom) / 2 + 4);
        Label(canvas, font, FormatValue(range.Min), bottom);
    }

    private static void DrawClasses(SKCanvas canvas, SKFont font, IReadOnlyList<ColormapEntry> entries, int height)
    {
        var row = Math.Max(8, Math.Min(18, (height - 2 * Margin) / entries.Count));
        using var paint = new SKPaint();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            paint.Color = new SKColor(e.R, e.G, e.B, e.A);
            var y = Margin + i * row;
            canvas.DrawRect(Margin, y, BarWidth, row - 2, paint);
            Label(canvas, font, FormatValue(e.Min), y + row - 4);
        }
    }

    private static void DrawBands(SKCanvas canvas, SKFont font, RenderOptions style, IReadOnlyList<string> sourceBands, int height)
    {
        var names = style.Expression?.Split(';') ?? style.Bands?.ToArray() ?? style.Bidx?.Select(b => $"b{b}").ToArray() ?? sourceBands.ToArray();
        if (names.Length == 1)
        {
            var (min, max) = Range(style);
            var grey = Enumerable.Range(0, 256).Select(v => new ColormapEntry(v, v, (byte)v, (byte)v, (byte)v, 255)).ToArray();
            DrawRamp(canvas, font, grey, (min, max), height);
            return;
        }
        SKColor[] channels = [SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.Gray];
        using var paint = new SKPaint();
        for (var i = 0; i < Math.Min(names.Length, 4); i++)
        {
            paint.Color = channels[i];
            var y = Margin + i * 20;
            canvas.DrawRect(Margin, y, BarWidth, 16, paint);
            Label(canvas, font, names[i].Trim(), y + 12);
        }
    }

    private static void Label(SKCanvas canvas, SKFont font, string text, float baseline)
    {
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, Margin + BarWidth + 6, baseline, SKTextAlign.Left, font, paint);
    }

    private static string FormatValue(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
