using System.Globalization;
using SkiaSharp;

namespace OgcTiler.Server.Api.Timeseries;

/// <summary>
/// The notebook's figure of a series: min, max and mean of one band over the dates (x proportional to time), drawn
/// once on a SkiaSharp canvas that writes either a PNG or an SVG. Dates without a valid pixel break the lines and are
/// marked with a grey cross on the time axis.
/// </summary>
internal static class SeriesPlot
{
    public const int Width = 800;
    public const int Height = 400;
    private const float Left = 70, Right = 20, Top = 34, Bottom = 50;

    private static readonly (string Name, SKColor Color, Func<SeriesStatistic, double> Value)[] Lines =
    [
        ("Min", new SKColor(0x1f, 0x77, 0xb4), s => s.Min),
        ("Max", new SKColor(0xff, 0x7f, 0x0e), s => s.Max),
        ("Mean", new SKColor(0x2c, 0xa0, 0x2c), s => s.Mean),
    ];

    /// <summary>What a plot needs of one date.</summary>
    private readonly record struct SeriesStatistic(DateTimeOffset Start, string Label, double Min, double Max, double Mean);

    public static byte[] Png(IReadOnlyList<SeriesValue> values)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Draw(surface.Canvas, values);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static byte[] Svg(IReadOnlyList<SeriesValue> values)
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), managed))
            Draw(canvas, values);
        return stream.ToArray();
    }

    private static void Draw(SKCanvas canvas, IReadOnlyList<SeriesValue> values)
    {
        var band = values[0].Bands[0];
        var points = values.Select(v => new SeriesStatistic(v.Start, v.Label, v.Bands[0].Statistics.Min, v.Bands[0].Statistics.Max, v.Bands[0].Statistics.Mean)).ToArray();
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        var (low, high) = ValueRange(points);
        var (first, last) = (points[0].Start, points[^1].Start);
        float X(DateTimeOffset t) => last == first ? Left + (Width - Left - Right) / 2 : Left + (float)((t - first) / (last - first)) * (Width - Left - Right);
        float Y(double v) => Top + (float)((high - v) / (high - low)) * (Height - Top - Bottom);

        for (var k = 0; k <= 4; k++)
        {
            var v = low + (high - low) * k / 4;
            canvas.DrawLine(Left, Y(v), Width - Right, Y(v), grid);
            canvas.DrawText(v.ToString("G4", CultureInfo.InvariantCulture), Left - 6, Y(v) + 4, SKTextAlign.Right, font, ink);
        }
        var step = Math.Max(1, (int)Math.Ceiling(points.Length / 8.0));
        for (var i = 0; i < points.Length; i += step)
            canvas.DrawText(points[i].Label, X(points[i].Start), Height - Bottom + 18, SKTextAlign.Center, font, ink);
        canvas.DrawText(band.Description, Left, Top - 12, SKTextAlign.Left, font, ink);
        DrawLines(canvas, points, X, Y, font);
        DrawGaps(canvas, points, X, Height - Bottom);
    }

    private static void DrawLines(SKCanvas canvas, SeriesStatistic[] points, Func<DateTimeOffset, float> x, Func<double, float> y, SKFont font)
    {
        for (var l = 0; l < Lines.Length; l++)
        {
            var (name, color, value) = Lines[l];
            using var paint = new SKPaint { Color = color, StrokeWidth = 2, Style = SKPaintStyle.Stroke, IsAntialias = true };
            using var dot = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
            SKPoint? previous = null;
            foreach (var p in points)
            {
                var v = value(p);
                if (!double.IsFinite(v))
                {
                    previous = null;
                    continue;
                }
                var here = new SKPoint(x(p.Start), y(v));
                if (previous is { } from)
                    canvas.DrawLine(from, here, paint);
                canvas.DrawCircle(here, 3, dot);
                previous = here;
            }
            var legendX = Width - Right - 70 * (Lines.Length - l);
            canvas.DrawLine(legendX, Top - 16, legendX + 18, Top - 16, paint);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(name, legendX + 22, Top - 12, SKTextAlign.Left, font, ink);
        }
    }

    private static void DrawGaps(SKCanvas canvas, SeriesStatistic[] points, Func<DateTimeOffset, float> x, float axis)
    {
        using var grey = new SKPaint { Color = SKColors.Gray, StrokeWidth = 2, Style = SKPaintStyle.Stroke, IsAntialias = true };
        foreach (var p in points.Where(p => !double.IsFinite(p.Mean)))
        {
            var cx = x(p.Start);
            canvas.DrawLine(cx - 4, axis - 4, cx + 4, axis + 4, grey);
            canvas.DrawLine(cx - 4, axis + 4, cx + 4, axis - 4, grey);
        }
    }

    /// <summary>The span of every finite min and max, 5% wider; ±0.5 around a single value; 0..1 when there is none.</summary>
    private static (double Low, double High) ValueRange(SeriesStatistic[] points)
    {
        var finite = points.SelectMany(p => new[] { p.Min, p.Max }).Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return (0, 1);
        var (low, high) = (finite.Min(), finite.Max());
        if (low == high)
            return (low - 0.5, high + 0.5);
        var pad = (high - low) * 0.05;
        return (low - pad, high + pad);
    }
}
