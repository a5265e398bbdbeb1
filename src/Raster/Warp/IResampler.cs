using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// A resampling kernel: fills the target pixels whose centres map (through <c>xs</c>/<c>ys</c>, source-level pixel
/// coordinates) onto valid source pixels. A target pixel is written only when the source pixel containing its centre
/// is inside the window and valid (GDAL's rule); the kernel then ignores invalid neighbours and renormalises.
/// </summary>
internal interface IResampler
{
    ResamplingMethod Method { get; }

    void Resample(SourcePixels source, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, KernelScale scale, RasterData target);
}

/// <summary>Target pixels per source pixel along each axis, capped at 1 (GDAL's dfXScale/dfYScale).</summary>
internal readonly record struct KernelScale(double X, double Y)
{
    public static KernelScale One { get; } = new(1, 1);

    public bool IsDownsampling => X < 1 || Y < 1;

    /// <summary>
    /// GDAL's scale for a target of <paramref name="targetWidth"/>×<paramref name="targetHeight"/> pixels whose outline
    /// spans [<paramref name="minX"/>, <paramref name="maxX"/>]×[<paramref name="minY"/>, <paramref name="maxY"/>] in
    /// the level's pixels: the part of that span inside the level, snapped to 1/n when within 0.05 of it.
    /// </summary>
    public static KernelScale FromFootprint(double minX, double minY, double maxX, double maxY, int targetWidth, int targetHeight, int levelWidth, int levelHeight) =>
        new(Axis(minX, maxX, targetWidth, levelWidth), Axis(minY, maxY, targetHeight, levelHeight));

    private static double Axis(double min, double max, int targetSize, int levelSize)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            return 1;
        var clampedMin = (int)Math.Max(0, min);
        var span = Math.Max(0, Math.Min(levelSize - clampedMin, max - min));
        if (span <= 0)
            return 1;
        var scale = targetSize / span;
        if (scale >= 1)
            return 1;
        var reciprocal = 1 / scale;
        var rounded = Math.Round(reciprocal);
        return Math.Abs(reciprocal - rounded) < 0.05 ? 1 / rounded : scale;
    }
}
