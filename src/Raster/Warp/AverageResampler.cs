using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Area average for downsampling: each target pixel averages the valid source pixels under its footprint (1/scale
/// source pixels wide, centred on the sample), edge pixels weighted by the fraction they overlap, as GDAL does.
/// </summary>
internal sealed class AverageResampler : IResampler
{
    public ResamplingMethod Method => ResamplingMethod.Average;

    public void Resample(SourcePixels source, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, KernelScale scale, TargetRegion region, RasterData target)
    {
        var halfX = 0.5 / scale.X;
        var halfY = 0.5 / scale.Y;
        var window = source.Window;
        Span<double> totals = new double[source.BandCount];
        var mask = target.Mask;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var first = row * target.Width + region.X;
            for (var i = first; i < first + region.Width; i++)
            {
                var sx = xs[i] - window.X;
                var sy = ys[i] - window.Y;
                if (!double.IsFinite(sx) || !double.IsFinite(sy))
                    continue;
                var left = Math.Max(0, sx - halfX);
                var right = Math.Min(window.Width, sx + halfX);
                var top = Math.Max(0, sy - halfY);
                var bottom = Math.Min(window.Height, sy + halfY);
                if (right <= left || bottom <= top)
                    continue;
                if (Accumulate(source, left, right, top, bottom, totals, target, i))
                    mask[i] = 255;
            }
        }
    }

    private static bool Accumulate(SourcePixels source, double left, double right, double top, double bottom, Span<double> totals, RasterData target, int pixel)
    {
        var planeSize = source.Window.Width * source.Window.Height;
        var samples = source.Samples;
        var valid = source.Valid;
        totals.Clear();
        var weightSum = 0.0;
        var y1 = (int)Math.Ceiling(bottom);
        var x1 = (int)Math.Ceiling(right);
        for (var y = (int)top; y < y1; y++)
        {
            var wy = Math.Min(y + 1, bottom) - Math.Max(y, top);
            var row = y * source.Stride;
            for (var x = (int)left; x < x1; x++)
            {
                var w = wy * (Math.Min(x + 1, right) - Math.Max(x, left));
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
            all[b * target.PixelCount + pixel] = (float)(totals[b] / weightSum);
        return true;
    }
}
