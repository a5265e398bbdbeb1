namespace OgcTiler.Abstractions.Raster;

/// <summary>An opened raster file (a COG or GeoTIFF, local or remote). Thread-safe; reads may run in parallel.</summary>
public interface IRasterDataset
{
    /// <summary>The path or URL it was opened from.</summary>
    string Uri { get; }

    RasterInfo Info { get; }

    /// <summary>The file's version as read with its header: modification time and size, or the remote ETag or Last-Modified; "" when unknown.</summary>
    string Version => "";

    /// <summary>
    /// Reads 1-based <paramref name="bands"/> (in output order; null or empty: every band) warped into <paramref name="grid"/>;
    /// pixels outside the data are masked.
    /// </summary>
    Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken);
}

/// <summary>Opens datasets by path or HTTP(S) URL; parsed headers are cached by the implementation.</summary>
public interface IRasterOpener
{
    Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken);
}
