using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Abstractions.Sources;

/// <summary>
/// What a layer or a request reads pixels from: one dataset, a STAC item's assets, a mosaic of a search.
/// Bands are addressed by name: "b1".."bN" for a single dataset; for assets "B04" (a single-band asset as one band,
/// TiTiler's asset_as_band) or "B04_b2" (band 2 of asset B04).
/// </summary>
public interface IRasterSource
{
    /// <summary>A stable identity for caching, e.g. the URL.</summary>
    string Id { get; }

    SourceInfo Info { get; }

    /// <summary>
    /// Changes whenever the data may have changed (a file's modification time and size, a remote file's ETag or
    /// Last-Modified); "" when the source cannot tell. Part of tile cache keys and entity tags.
    /// </summary>
    string Version => "";

    /// <summary>Reads the named <paramref name="bands"/> into <paramref name="grid"/>, in the order given.</summary>
    Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken);
}

/// <summary>
/// What a source covers and offers. <see cref="NativeResolution"/> is the finest pixel size in <see cref="Crs"/> units,
/// used to derive min/max zoom. <see cref="BandNames"/> are the names a plain read returns by default (b1..bN, or every
/// band of the assets: "B04" for a single-band asset, "visual_b1".."visual_b3" for a multi-band one); <see cref="Bands"/> describes them.
/// </summary>
public sealed record SourceInfo(
    string Crs,
    Bounds NativeBounds,
    Bounds Wgs84Bounds,
    double NativeResolution,
    int Width,
    int Height,
    RasterDataType DataType,
    double? Nodata,
    IReadOnlyList<string> BandNames,
    IReadOnlyList<BandInfo> Bands)
{
    /// <summary>
    /// The area of interest of the one raster the source reads (<see cref="RasterInfo.AreaOfInterest"/>), so grids
    /// computed from <see cref="NativeBounds"/> take the datum operation its reads take; null for a source of several
    /// rasters or none, whose bounds are transformed with each point's own operation (cs2cs's).
    /// </summary>
    public AreaOfInterest? AreaOfInterest { get; init; }
}

/// <summary>A source to open: a URL (or path) and provider-specific options (config keys or request parameters).</summary>
public sealed record SourceSpec(string Url, IReadOnlyDictionary<string, string> Options);

/// <summary>Turns a <see cref="SourceSpec"/> of one <c>Source.Type</c> ("cog", "stac-item", ...) into a source.</summary>
public interface ISourceProvider
{
    string Type { get; }

    /// <summary>
    /// The option keys a layer's <c>Source</c> may give besides <c>Type</c> and <c>Url</c>, compared ignoring case,
    /// '_' and '-'. The server refuses a layer with any other key at start (and in <c>--check-config</c>); null when
    /// the provider does not declare its keys, and then checks them itself when opening.
    /// </summary>
    IReadOnlyCollection<string>? OptionKeys => null;

    Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken);
}
