namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// A raster's area of interest for datum operations, as gdalwarp gives it to PROJ (GDALComputeAreaOfInterest: the
/// raster's corners in its own geographic CRS, degrees from its prime meridian; <see cref="Bounds.MinX"/> &gt;
/// <see cref="Bounds.MaxX"/> across the antimeridian). One instance per opened raster: the engine keeps the raster's
/// transforms with the instance, so its reads and every grid derived from its bounds (zoom levels, preview and bbox
/// sizes) share one datum operation per target CRS.
/// </summary>
public sealed class AreaOfInterest(Bounds degrees)
{
    /// <summary>The corners' box in degrees.</summary>
    public Bounds Degrees { get; } = degrees;
}
