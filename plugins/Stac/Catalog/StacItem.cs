using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>A parsed STAC Item: what the plugin needs to read its assets and to filter it in a mosaic.</summary>
/// <param name="Uri">Where the item was read from (its self link or the document URL); relative hrefs resolve against it.</param>
/// <param name="Bbox">WGS84 bounds from the item's <c>bbox</c>, or null when absent.</param>
internal sealed record StacItem(
    string Id,
    string Uri,
    string? Collection,
    Bounds? Bbox,
    DateTimeOffset? Datetime,
    IReadOnlyDictionary<string, StacAsset> Assets)
{
    /// <summary>
    /// When the item was acquired: <c>start_datetime</c>..<c>end_datetime</c> when given, else the <c>datetime</c>
    /// instant; null when the item has neither.
    /// </summary>
    public TimeRange? Time { get; init; }

    /// <summary>Changes whenever the item's document does; part of the tile cache keys of the sources it makes.</summary>
    public string Version { get; init; } = "";

    /// <summary>Asset names in document order, for error messages.</summary>
    public string AssetList => string.Join(", ", Assets.Keys);

    /// <summary>The native bounds of the first raster asset when its CRS is <paramref name="crs"/>, else null.</summary>
    public Bounds? NativeBoundsIn(string crs)
    {
        var projection = Assets.Values.FirstOrDefault(a => a.IsRaster)?.Projection;
        return projection?.Crs == crs ? projection.NativeBounds : null;
    }
}

/// <param name="Href">Absolute path or URL (relative hrefs already resolved).</param>
/// <param name="Projection">The asset's <c>proj:*</c> fields, falling back to the item's properties.</param>
/// <param name="Bands">From <c>raster:bands</c> (STAC 1.0) or <c>bands</c> (STAC 1.1); may be empty.</param>
/// <param name="BandCount">How many bands the asset's band arrays (raster:bands, bands or eo:bands) list; null when none does.</param>
internal sealed record StacAsset(
    string Name,
    string Href,
    string? MediaType,
    string? Title,
    IReadOnlyList<string> Roles,
    StacProjection Projection,
    IReadOnlyList<StacBand> Bands,
    int? BandCount = null)
{
    /// <summary>
    /// Whether the asset holds pixels the raster engine reads: a TIFF ("image/tiff", "image/tif") or JP2 media type, or (untyped) a .tif/.tiff/.jp2
    /// href or raster metadata. Thumbnails, metadata and overview JPEG/PNG are not.
    /// </summary>
    public bool IsRaster
    {
        get
        {
            if (MediaType is { } type)
                return type.Contains("tif", StringComparison.OrdinalIgnoreCase) || type.Contains("jp2", StringComparison.OrdinalIgnoreCase);
            var path = Href.Split('?', '#')[0];
            return path.EndsWith(".tif", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".jp2", StringComparison.OrdinalIgnoreCase)
                || Bands.Count > 0 || Projection.Shape is not null;
        }
    }

    /// <summary>Each band's name from <c>bands</c> or <c>eo:bands</c> (common name first); empty when neither lists them.</summary>
    public IReadOnlyList<string?> BandLabels { get; init; } = [];

    /// <summary>The metadata of 1-based band <paramref name="band"/>, or an empty description.</summary>
    public StacBand Band(int band) => band >= 1 && band <= Bands.Count ? Bands[band - 1] : StacBand.Empty;
}

/// <summary>The projection extension: CRS as "EPSG:n" (from proj:epsg or proj:code), shape (rows, cols), transform, bbox.</summary>
internal sealed record StacProjection(string? Crs, (int Rows, int Cols)? Shape, double[]? Transform, Bounds? Bbox)
{
    public static StacProjection Empty { get; } = new(null, null, null, null);

    /// <summary>GDAL's six coefficients from the proj:transform (a, b, c, d, e, f) affine, or null.</summary>
    public double[]? GeoTransform => Transform is { } t ? [t[2], t[0], t[1], t[5], t[3], t[4]] : null;

    /// <summary>proj:bbox, or the bounds computed from transform and shape (north-up grids only).</summary>
    public Bounds? NativeBounds
    {
        get
        {
            if (Bbox is { } bbox)
                return bbox;
            if (GeoTransform is not { } g || Shape is not { } s || g[2] != 0 || g[4] != 0)
                return null;
            var x1 = g[0] + g[1] * s.Cols;
            var y1 = g[3] + g[5] * s.Rows;
            return new Bounds(Math.Min(g[0], x1), Math.Min(g[3], y1), Math.Max(g[0], x1), Math.Max(g[3], y1));
        }
    }

    /// <summary>The pixel size in CRS units (the smaller of |dx| and |dy|), or null without a transform.</summary>
    public double? Resolution => Transform is { } t ? Math.Min(Math.Abs(t[0]), Math.Abs(t[4])) : null;
}

/// <summary>Per-band raster metadata (raster:bands / STAC 1.1 bands).</summary>
internal sealed record StacBand(double? Nodata, double? Scale, double? Offset, RasterDataType? DataType)
{
    public static StacBand Empty { get; } = new(null, null, null, null);
}
