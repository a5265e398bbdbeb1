using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// A resampling kernel: fills the target pixels whose centres map (through <c>xs</c>/<c>ys</c>, source-level pixel
/// coordinates) onto valid source pixels. A target pixel is written only when the source pixel containing its centre
/// is inside the window and valid (GDAL's rule); the kernel then ignores invalid neighbours and renormalises. The
/// target's mask receives the written pixels' alpha (255 for a source without an alpha band).
/// </summary>
internal interface IResampler
{
    ResamplingMethod Method { get; }

    /// <summary>Whether the kernel reads where target pixel corners fall (<see cref="SourcePositions"/>) rather than centres.</summary>
    bool MapsCorners => false;

    /// <summary>Fills <paramref name="region"/> of <paramref name="target"/>; positions are indexed like the target's pixels.</summary>
    void Resample(SourcePixels source, SourcePositions at, KernelScale scale, TargetRegion region, RasterData target);
}

/// <summary>
/// Source-level pixel coordinates of every target pixel: its centre (Xs/Ys), or for a kernel that
/// <see cref="IResampler.MapsCorners"/> its top-left corner (Xs/Ys) and bottom-right corner (FarXs/FarYs).
/// </summary>
internal readonly ref struct SourcePositions(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> farXs, ReadOnlySpan<double> farYs)
{
    public ReadOnlySpan<double> Xs { get; } = xs;

    public ReadOnlySpan<double> Ys { get; } = ys;

    public ReadOnlySpan<double> FarXs { get; } = farXs;

    public ReadOnlySpan<double> FarYs { get; } = farYs;
}

/// <summary>Target pixels per source pixel along each axis, capped at 1 (GDAL's dfXScale/dfYScale).</summary>
internal readonly record struct KernelScale(double X, double Y)
{
    public static KernelScale One { get; } = new(1, 1);

    public bool IsDownsampling => X < 1 || Y < 1;

    /// <summary>
    /// GDAL's scale along one axis (GDALWarpKernel::PerformWarp): target pixels over the source footprint's extent inside
    /// the level (<paramref name="raw"/>), 1 when the window is just the target size plus the kernel margin, snapped to
    /// 1/n when within 0.05 of it.
    /// </summary>
    public static double Axis(int targetSize, int windowSize, double raw)
    {
        if (raw <= 0 || (windowSize >= targetSize && windowSize <= targetSize + (windowSize - raw)))
            return 1;
        var scale = targetSize / raw;
        if (scale >= 1)
            return 1;
        var reciprocal = 1 / scale;
        var rounded = Math.Round(reciprocal);
        return Math.Abs(reciprocal - rounded) < 0.05 ? 1 / rounded : scale;
    }
}
