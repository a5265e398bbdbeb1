using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Bilinear or cubic interpolation (GDAL's GWKResample): weights centred on the sample, stretched by 1/scale when the
/// target is coarser than the source by more than 5 %; invalid or outside source pixels are left out and the weights
/// renormalised. Partly transparent neighbours count with their full weight, and the target pixel takes the alpha of
/// the source pixel holding its centre: GDAL's warper weighs values by validity only and writes the destination
/// density of the pixel at the sample point (GWKOverlayDensity), as gdalwarp -dstalpha of an RGBA file shows. Under
/// <see cref="MaskUse.RasterIo"/> the alpha is instead resampled like a band (<see cref="ResampledAlpha"/>) and a pixel
/// is drawn wherever that alpha is above 0, as GDAL's RasterIO resamples an RGBA file.
/// </summary>
internal sealed class ConvolutionResampler<TKernel>(ResamplingMethod method) : IResampler
    where TKernel : struct, IKernelFunction
{
    private const double Epsilon = 1e-10;
    private const double MinWeight = 1e-6;

    /// <summary>GDAL keeps the plain 4×4 (or 2×2) kernel when both scales are at least this.</summary>
    private const double StretchThreshold = 0.95;

    public ResamplingMethod Method => method;

    public void Resample(SourcePixels source, SourcePositions at, KernelScale scale, TargetRegion region, RasterData target)
    {
        var xs = at.Xs;
        var ys = at.Ys;
        var stretch = scale.X < StretchThreshold || scale.Y < StretchThreshold;
        var kx = stretch ? scale.X : 1;
        var ky = stretch ? scale.Y : 1;
        var rx = kx < 1 ? (int)Math.Ceiling(TKernel.Radius / kx) : TKernel.Radius;
        var ry = ky < 1 ? (int)Math.Ceiling(TKernel.Radius / ky) : TKernel.Radius;
        var firstX = TKernel.FirstTap(rx);
        var firstY = TKernel.FirstTap(ry);
        Span<double> wx = new double[rx - firstX + 1];
        Span<double> wy = new double[ry - firstY + 1];
        Span<double> totals = new double[source.BandCount];
        var window = source.Window;
        var mask = target.Mask;
        var alphaAsBand = source.Masks == MaskUse.RasterIo;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var first = row * target.Width + region.X;
            for (var i = first; i < first + region.Width; i++)
            {
                var sx = xs[i] - window.X;
                var sy = ys[i] - window.Y;
                if (!(sx >= 0) || !(sy >= 0))
                    continue;
                var cx = (int)(sx + Epsilon);
                var cy = (int)(sy + Epsilon);
                if (cx >= window.Width || cy >= window.Height)
                    continue;
                var alpha = source.Valid[cy * source.Stride + cx];
                if (alpha == 0 && !alphaAsBand)
                    continue;
                var ix = (int)Math.Floor(sx - 0.5);
                var iy = (int)Math.Floor(sy - 0.5);
                var dx = sx - 0.5 - ix;
                var dy = sy - 0.5 - iy;
                for (var t = 0; t < wx.Length; t++)
                    wx[t] = TKernel.Weight((firstX + t - dx) * kx);
                for (var t = 0; t < wy.Length; t++)
                    wy[t] = TKernel.Weight((firstY + t - dy) * ky);
                if (alphaAsBand)
                    alpha = ResampledAlpha(source, ix + firstX, iy + firstY, wx, wy);
                if (alpha != 0 && Accumulate(source, ix + firstX, iy + firstY, wx, wy, totals, target, i))
                    mask[i] = alpha;
            }
        }
    }

    /// <summary>
    /// The alpha band resampled as a data band (GDAL's RasterIO of an RGBA file): the weighted mean of every
    /// neighbour's alpha inside the window, transparent ones included, rounded to the nearest byte.
    /// </summary>
    private static byte ResampledAlpha(SourcePixels source, int x0, int y0, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy)
    {
        var (tx0, tx1, ty0, ty1) = Taps(source.Window, x0, y0, wx.Length, wy.Length);
        var valid = source.Valid;
        double sum = 0, weightSum = 0;
        for (var ty = ty0; ty < ty1; ty++)
        {
            var row = (y0 + ty) * source.Stride + x0;
            for (var tx = tx0; tx < tx1; tx++)
            {
                var w = wy[ty] * wx[tx];
                weightSum += w;
                sum += w * valid[row + tx];
            }
        }
        return weightSum < MinWeight ? (byte)0 : (byte)SampleRounding.HalfUp(sum / weightSum, 0, 255);
    }

    /// <summary>The kernel's taps (columns tx0..tx1, rows ty0..ty1, ends excluded) that fall inside the window.</summary>
    private static (int X0, int X1, int Y0, int Y1) Taps(SourceWindow window, int x0, int y0, int width, int height) =>
        (Math.Max(0, -x0), Math.Min(width, window.Width - x0), Math.Max(0, -y0), Math.Min(height, window.Height - y0));

    /// <summary>Writes the weighted mean of every band at target pixel <paramref name="pixel"/>; false when no weight.</summary>
    private static bool Accumulate(SourcePixels source, int x0, int y0, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy, Span<double> totals, RasterData target, int pixel)
    {
        var (tx0, tx1, ty0, ty1) = Taps(source.Window, x0, y0, wx.Length, wy.Length);
        var valid = source.Valid;
        var samples = source.Samples;
        var planeSize = source.Window.Width * source.Window.Height;
        var bandCount = source.BandCount;
        totals.Clear();
        var weightSum = 0.0;
        for (var ty = ty0; ty < ty1; ty++)
        {
            var rowWeight = wy[ty];
            if (rowWeight == 0)
                continue;
            var row = (y0 + ty) * source.Stride + x0;
            for (var tx = tx0; tx < tx1; tx++)
            {
                var w = rowWeight * wx[tx];
                if (w == 0 || valid[row + tx] == 0)
                    continue;
                weightSum += w;
                for (var b = 0; b < bandCount; b++)
                    totals[b] += w * samples[b * planeSize + row + tx];
            }
        }
        if (weightSum < MinWeight)
            return false;
        var all = target.AllSamples;
        for (var b = 0; b < bandCount; b++)
            all[b * target.PixelCount + pixel] = source.Rounding.Write(totals[b] / weightSum);
        return true;
    }
}
