using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Area average for downsampling, as GDAL's GWKAverageOrMode: each target pixel averages the valid source pixels of
/// the box between where its top-left and bottom-right corners fall, the first and last rows and columns weighted by
/// the fraction the box covers (GDAL's edge weights, a box inside one pixel taking that pixel whole). Partly
/// transparent pixels count whole and the result is opaque, as GDAL 3.6's average writes a destination density of 1.
/// Under <see cref="MaskUse.RasterIo"/> the alpha is instead averaged like a band, over every pixel of the box,
/// transparent ones included, as GDAL's RasterIO averages an RGBA file's alpha band.
/// </summary>
internal sealed class AverageResampler : IResampler
{
    private const double Epsilon = 1e-10;

    public ResamplingMethod Method => ResamplingMethod.Average;

    public bool MapsCorners => true;

    public void Resample(SourcePixels source, SourcePositions at, KernelScale scale, TargetRegion region, RasterData target)
    {
        var window = source.Window;
        Span<double> totals = new double[source.BandCount];
        var mask = target.Mask;
        var alphaAsBand = source.Masks == MaskUse.RasterIo;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var first = row * target.Width + region.X;
            for (var i = first; i < first + region.Width; i++)
            {
                var (x0, x1) = Ordered(at.Xs[i] - window.X, at.FarXs[i] - window.X);
                var (y0, y1) = Ordered(at.Ys[i] - window.Y, at.FarYs[i] - window.Y);
                if (!double.IsFinite(x0) || !double.IsFinite(x1) || !double.IsFinite(y0) || !double.IsFinite(y1))
                    continue;
                var box = new Box(x0, y0, x1, y1, window.Width, window.Height);
                if (Accumulate(source, box, totals, target, i))
                    mask[i] = alphaAsBand ? AveragedAlpha(source, box) : (byte)255;
            }
        }
    }

    private static (double Min, double Max) Ordered(double a, double b) => a <= b ? (a, b) : (b, a);

    private static bool Accumulate(SourcePixels source, Box box, Span<double> totals, RasterData target, int pixel)
    {
        var planeSize = source.Window.Width * source.Window.Height;
        var samples = source.Samples;
        var valid = source.Valid;
        totals.Clear();
        var weightSum = 0.0;
        for (var y = box.Top; y < box.Bottom; y++)
        {
            var wy = box.RowWeight(y);
            var row = y * source.Stride;
            for (var x = box.Left; x < box.Right; x++)
            {
                var w = wy * box.ColumnWeight(x);
                if (w <= 0 || valid[row + x] == 0)
                    continue;
                weightSum += w;
                for (var b = 0; b < totals.Length; b++)
                    totals[b] += w * samples[b * planeSize + row + x];
            }
        }
        if (weightSum <= 0)
            return false;
        var all = target.AllSamples;
        for (var b = 0; b < totals.Length; b++)
            all[b * target.PixelCount + pixel] = source.Rounding.Write(totals[b] / weightSum);
        return true;
    }

    /// <summary>
    /// The box's weighted mean of every pixel's alpha, transparent ones included, rounded to the nearest byte. Within 1
    /// of GDAL's RasterIO average: a mean of exactly .5 may round the other way, the box's corners coming through the
    /// approximate transformer (1e-11 pixel off the exact ratio GDAL multiplies).
    /// </summary>
    private static byte AveragedAlpha(SourcePixels source, Box box)
    {
        var valid = source.Valid;
        double sum = 0, weightSum = 0;
        for (var y = box.Top; y < box.Bottom; y++)
        {
            var wy = box.RowWeight(y);
            var row = y * source.Stride;
            for (var x = box.Left; x < box.Right; x++)
            {
                var w = wy * box.ColumnWeight(x);
                weightSum += w;
                sum += w * valid[row + x];
            }
        }
        return (byte)SampleRounding.HalfUp(sum / weightSum, 0, 255);
    }

    /// <summary>The source pixels [Left, Right) × [Top, Bottom) a corner box touches in the window, with GDAL's weights.</summary>
    private readonly struct Box
    {
        private readonly double _minX, _minY, _maxX, _maxY;

        public Box(double minX, double minY, double maxX, double maxY, int width, int height)
        {
            (_minX, _minY, _maxX, _maxY) = (minX, minY, maxX, maxY);
            Left = (int)Math.Max(Math.Floor(minX + Epsilon), 0);
            Top = (int)Math.Max(Math.Floor(minY + Epsilon), 0);
            Right = (int)Math.Min(Math.Ceiling(maxX - Epsilon), width);
            Bottom = (int)Math.Min(Math.Ceiling(maxY - Epsilon), height);
            if (Left == Right && Right < width)
                Right++;
            if (Top == Bottom && Bottom < height)
                Bottom++;
        }

        public int Left { get; }

        public int Top { get; }

        public int Right { get; }

        public int Bottom { get; }

        public double ColumnWeight(int x) => Weight(x, Left, Right, _minX, _maxX);

        public double RowWeight(int y) => Weight(y, Top, Bottom, _minY, _maxY);

        private static double Weight(int i, int first, int end, double min, double max) =>
            i == first ? (first + 1 == end ? 1.0 : 1 - (min - first)) : i + 1 == end ? 1 - (end - max) : 1.0;
    }
}
