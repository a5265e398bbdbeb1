using System.Collections.Frozen;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>The resampling kernels by method, built once.</summary>
internal static class Resamplers
{
    private static readonly FrozenDictionary<ResamplingMethod, IResampler> ByMethod = new IResampler[]
    {
        new NearestResampler(),
        new ConvolutionResampler<BilinearKernel>(ResamplingMethod.Bilinear),
        new ConvolutionResampler<CubicKernel>(ResamplingMethod.Cubic),
        new AverageResampler(),
    }.ToFrozenDictionary(r => r.Method);

    public static IResampler For(ResamplingMethod method) =>
        ByMethod.TryGetValue(method, out var resampler)
            ? resampler
            : throw new ArgumentOutOfRangeException(nameof(method), method, "no resampler for this method");

    /// <summary>Source pixels a kernel reads beyond the one containing a sample, at the given scale.</summary>
    public static int Radius(ResamplingMethod method, KernelScale scale)
    {
        var shrink = Math.Min(scale.X, scale.Y);
        return method switch
        {
            ResamplingMethod.Nearest => 0,
            ResamplingMethod.Bilinear => (int)Math.Ceiling(BilinearKernel.Radius / shrink) + 1,
            ResamplingMethod.Cubic => (int)Math.Ceiling(CubicKernel.Radius / shrink) + 1,
            _ => (int)Math.Ceiling(0.5 / shrink) + 1,
        };
    }
}
