using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>Nearest neighbour: the source pixel containing the target pixel's centre, its alpha included.</summary>
internal sealed class NearestResampler : IResampler
{
    /// <summary>GDAL nudges coordinates by this before truncating, so a centre on a pixel edge picks the right pixel.</summary>
    private const double Epsilon = 1e-10;

    public ResamplingMethod Method => ResamplingMethod.Nearest;

    public void Resample(SourcePixels source, SourcePositions at, KernelScale scale, TargetRegion region, RasterData target)
    {
        var xs = at.Xs;
        var ys = at.Ys;
        var window = source.Window;
        var valid = source.Valid;
        var samples = source.Samples;
        var mask = target.Mask;
        var all = target.AllSamples;
        var bandCount = source.BandCount;
        var pixelCount = target.PixelCount;
        var planeSize = window.Width * window.Height;
        var gather = WarpVectors.Enabled && Avx2.IsSupported;
        double left = window.X, top = window.Y;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var start = row * target.Width + region.X;
            var end = start + region.Width;
            var i = gather ? GatherRow(source, xs, ys, target, start, end) : start;
            for (; i < end; i++)
            {
                var x = xs[i];
                var y = ys[i];
                if (!(x >= left) || !(y >= top))
                    continue;
                var ix = (int)(x + Epsilon) - window.X;
                var iy = (int)(y + Epsilon) - window.Y;
                if (ix >= window.Width || iy >= window.Height)
                    continue;
                var offset = iy * window.Width + ix;
                var alpha = valid[offset];
                if (alpha == 0)
                    continue;
                mask[i] = alpha;
                for (var b = 0; b < bandCount; b++)
                    all[b * pixelCount + i] = samples[b * planeSize + offset];
            }
        }
    }

    /// <summary>
    /// The scalar loop eight target pixels at a time with AVX2 gathers, from <paramref name="start"/> while eight remain
    /// before <paramref name="end"/>; returns the first pixel left. A pixel is kept when x ≥ left and x + ε &lt; right
    /// (likewise y): for x ≥ 0 that is the scalar test on the truncated index. Lanes not kept keep the target's values.
    /// </summary>
    private static unsafe int GatherRow(SourcePixels source, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, RasterData target,
        int start, int end)
    {
        var window = source.Window;
        var planeSize = window.Width * window.Height;
        var pixelCount = target.PixelCount;
        var epsilon = Vector256.Create(Epsilon);
        var (left, top) = (Vector256.Create((double)window.X), Vector256.Create((double)window.Y));
        var (right, bottom) = (Vector256.Create((double)window.Right), Vector256.Create((double)window.Bottom));
        var (originX, originY, width) = (Vector256.Create(window.X), Vector256.Create(window.Y), Vector256.Create(window.Width));
        var alphaByte = Vector256.Create(0xFF);
        var i = start;
        fixed (double* px = xs, py = ys)
        fixed (float* samples = source.Samples, all = target.AllSamples)
        fixed (byte* valid = source.Valid, mask = target.Mask)
        {
            for (; i <= end - 2 * Vector256<double>.Count; i += 2 * Vector256<double>.Count)
            {
                var (x0, x1) = (Avx.LoadVector256(px + i), Avx.LoadVector256(px + i + 4));
                var (y0, y1) = (Avx.LoadVector256(py + i), Avx.LoadVector256(py + i + 4));
                var (ax0, ax1, ay0, ay1) = (x0 + epsilon, x1 + epsilon, y0 + epsilon, y1 + epsilon);
                var in0 = Vector256.GreaterThanOrEqual(x0, left) & Vector256.GreaterThanOrEqual(y0, top)
                    & Vector256.LessThan(ax0, right) & Vector256.LessThan(ay0, bottom);
                var in1 = Vector256.GreaterThanOrEqual(x1, left) & Vector256.GreaterThanOrEqual(y1, top)
                    & Vector256.LessThan(ax1, right) & Vector256.LessThan(ay1, bottom);
                var inside = Vector256.Narrow(in0.AsInt64(), in1.AsInt64());
                if (inside == Vector256<int>.Zero)
                    continue;
                var ix = Vector256.Create(Truncate(ax0), Truncate(ax1));
                var iy = Vector256.Create(Truncate(ay0), Truncate(ay1));
                var offsets = (iy - originY) * width + (ix - originX);
                // Four bytes read per alpha: SourcePixels keeps three bytes of slack after the last one.
                var alpha = Avx2.GatherMaskVector256(Vector256<int>.Zero, (int*)valid, offsets, inside, 1) & alphaByte;
                var write = Vector256.AndNot(inside, Vector256.Equals(alpha, Vector256<int>.Zero));
                if (write == Vector256<int>.Zero)
                    continue;
                for (var b = 0; b < source.BandCount; b++)
                {
                    var to = all + b * pixelCount + i;
                    Avx2.GatherMaskVector256(Avx.LoadVector256(to), samples + b * planeSize, offsets, write.AsSingle(), 4).Store(to);
                }
                var alphas = Vector256.ConditionalSelect(write, alpha, Avx2.ConvertToVector256Int32(mask + i));
                var bytes = Vector256.Narrow(Vector256.Narrow(alphas, alphas), Vector256<short>.Zero);
                *(ulong*)(mask + i) = bytes.AsUInt64().GetElement(0);
            }
        }
        return i;
    }

    private static Vector128<int> Truncate(Vector256<double> values) => Avx.ConvertToVector128Int32WithTruncation(values);
}
