using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Geometry;

internal static class Envelope
{
    /// <summary>The box holding every finite point; null when no point is finite or the points have no extent.</summary>
    public static Bounds? Of(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }
        return minX < maxX && minY < maxY ? new Bounds(minX, minY, maxX, maxY) : null;
    }
}
