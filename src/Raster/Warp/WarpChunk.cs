namespace OgcTiler.Raster.Warp;

/// <summary>A rectangle of target pixels.</summary>
internal readonly record struct TargetRegion(int X, int Y, int Width, int Height);

/// <summary>
/// Where a target region's outline falls in a level, in level pixels (GDAL's dfMinXOut..dfMaxYOut), and how many of
/// the sampled outline points failed to transform. Empty when too few points transformed to say.
/// </summary>
internal readonly record struct Footprint(double MinX, double MinY, double MaxX, double MaxY, bool HadFailures)
{
    public static Footprint None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, true);

    public bool IsKnown => !double.IsNaN(MinX);
}

/// <summary>One part of the target warped on its own, as gdalwarp's chunk list does: its source window and scale.</summary>
internal readonly record struct WarpChunk(TargetRegion Region, SourceWindow Window, KernelScale Scale);
