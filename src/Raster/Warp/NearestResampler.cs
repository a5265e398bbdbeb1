using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>Nearest neighbour: the source pixel containing the target pixel's centre.</summary>
internal sealed class NearestResampler : IResampler
{
    /// <summary>GDAL nudges coordinates by this before truncating, so a centre on a pixel edge picks the right pixel.</summary>
    private const double Epsilon = 1e-10;

    public ResamplingMethod Method => ResamplingMethod.Nearest;

    public void Resample(SourcePixels source, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, KernelScale scale, RasterData target)
    {
        var window = source.Window;
        var stride = source.Stride;
        var samples = source.Samples;
        var valid = source.Valid;
        var mask = target.Mask;
        var bandCount = source.BandCount;
        var pixelCount = target.PixelCount;
        var all = target.AllSamples;
        var planeSize = window.Width * window.Height;
        double wx = window.X, wy = window.Y;
        for (var i = 0; i < pixelCount; i++)
        {
            var x = xs[i];
            var y = ys[i];
            if (!(x >= wx) || !(y >= wy))
                continue;
            var ix = (int)(x + Epsilon) - window.X;
            var iy = (int)(y + Epsilon) - window.Y;
            if (ix >= window.Width || iy >= window.Height)
                continue;
            var offset = iy * stride + ix;
            if (valid[offset] == 0)
                continue;
            mask[i] = 255;
            for (var b = 0; b < bandCount; b++)
                all[b * pixelCount + i] = samples[b * planeSize + offset];
        }
    }
}
