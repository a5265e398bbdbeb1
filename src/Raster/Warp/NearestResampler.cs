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
        double left = window.X, top = window.Y;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var start = row * target.Width + region.X;
            for (var i = start; i < start + region.Width; i++)
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
}
