namespace OgcTiler.Raster.Warp;

/// <summary>Chooses the raster level to warp from, with gdalwarp's rule ("-ovr AUTO").</summary>
internal static class OverviewSelector
{
    /// <summary>Levels whose decimation factor is within this of the target's count as exact matches (GDAL's value).</summary>
    private const double Tolerance = 0.1;

    /// <summary>
    /// The target resolution in full-resolution source pixels, as GDALSuggestedWarpOutput2 measures it: the source's
    /// pixel diagonal over the length, in target pixels, of the transformed diagonal from its top-left to its
    /// bottom-right corner. NaN when the diagonal cannot be transformed.
    /// </summary>
    public static double TargetRatio(int sourceWidth, int sourceHeight, (double X, double Y) topLeft, (double X, double Y) bottomRight)
    {
        var dx = bottomRight.X - topLeft.X;
        var dy = bottomRight.Y - topLeft.Y;
        var diagonal = Math.Sqrt(dx * dx + dy * dy);
        return Math.Sqrt((double)sourceWidth * sourceWidth + (double)sourceHeight * sourceHeight) / diagonal;
    }

    /// <summary>
    /// The coarsest level that is still at least as fine as the target (a level within the tolerance of the target's
    /// ratio also qualifies); level 0 when the target is finer than the source or the ratio is unknown.
    /// </summary>
    public static int ChooseLevel(IReadOnlyList<RasterLevel> levels, double targetRatio)
    {
        if (!(targetRatio > 1.0) || levels.Count < 2)
            return 0;
        var fullWidth = (double)levels[0].Width;
        var level = 0;
        for (; level < levels.Count - 1; level++)
        {
            var ratio = fullWidth / levels[level].Width;
            var nextRatio = fullWidth / levels[level + 1].Width;
            if (ratio < targetRatio && nextRatio > targetRatio)
                break;
            if (Math.Abs(ratio - targetRatio) < Tolerance)
                break;
        }
        return level;
    }
}
