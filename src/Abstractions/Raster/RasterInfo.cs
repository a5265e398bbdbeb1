namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// Description of one band of a dataset. <paramref name="Statistics"/> is the minimum and maximum the dataset records
/// for the band (GDAL's STATISTICS_MINIMUM and STATISTICS_MAXIMUM), when it records both.
/// </summary>
public sealed record BandInfo(
    string? Description,
    double Scale = 1,
    double Offset = 0,
    string? ColorInterpretation = null,
    (double Minimum, double Maximum)? Statistics = null)
{
    /// <summary>
    /// The band's name in the source's metadata (a STAC asset's band <c>eo:common_name</c> or <c>name</c>, e.g. "red"),
    /// by which a request may select it; null when the metadata names none.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>An alpha band (colour interpretation "alpha"): the dataset's mask rather than data.</summary>
    public bool IsAlpha => ColorInterpretation == "alpha";
}

/// <summary>
/// What a dataset is: size, georeferencing, bands. <see cref="GeoTransform"/> is GDAL's six coefficients
/// (x0, dx, rx, y0, ry, dy) mapping pixel corners to CRS x/y in east/north order.
/// </summary>
public sealed record RasterInfo(
    string Crs,
    double[] GeoTransform,
    int Width,
    int Height,
    RasterDataType DataType,
    double? Nodata,
    IReadOnlyList<BandInfo> Bands,
    IReadOnlyList<(int Width, int Height)> Overviews,
    int BlockWidth,
    int BlockHeight,
    bool HasMask,
    Bounds NativeBounds,
    Bounds Wgs84Bounds)
{
    public int BandCount => Bands.Count;

    /// <summary>The area PROJ chooses the raster's datum operations for; null for a raster georeferenced by GCPs, as in GDAL.</summary>
    public AreaOfInterest? AreaOfInterest { get; init; }
}

/// <summary>An axis-aligned box in some CRS, x/y in east/north order.</summary>
public readonly record struct Bounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;

    public double Height => MaxY - MinY;

    public bool Intersects(Bounds other) =>
        MinX < other.MaxX && other.MinX < MaxX && MinY < other.MaxY && other.MinY < MaxY;

    /// <summary>The smallest box holding both (for <c>Aggregate</c> over many).</summary>
    public static Bounds Union(Bounds a, Bounds b) =>
        new(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));
}
