using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// An opened GeoTIFF or COG: its description, and its blocks decoded in their sample type through the shared block cache
/// (and, for a remote file, their stored bytes through the compressed-block cache).
/// Reads into a target grid are done by the warper.
/// </summary>
internal sealed class GeoTiffDataset : IRasterDataset, IBlockedRaster
{
    private readonly GeoTiffHeader _header;
    private readonly BlockReader _blocks;
    private readonly RasterCache _cache;
    private readonly CrsRegistry _crs;
    private readonly Action _onSourceChanged;

    /// <param name="compressed">The cache of remote files' stored blocks, or null for none.</param>
    public GeoTiffDataset(GeoTiffHeader header, RasterCache cache, CompressedBlockCache? compressed, CrsRegistry crs, Action onSourceChanged)
    {
        _header = header;
        _blocks = new BlockReader(header, compressed);
        _cache = cache;
        _crs = crs;
        _onSourceChanged = onSourceChanged;
        Crs = ResolveCrs(header, crs);
        var gcps = header.Gcps is { } points ? GcpTransform.Fit(header.Uri, points, GcpTransform.DefaultOrder(points.Count)) : null;
        Levels = header.Levels.Select(l => LevelOf(header, l, gcps)).ToList();
        Info = RasterInfoBuilder.Build(header, Levels[0], Crs, crs);
    }

    public string Uri => _header.Uri;

    /// <summary>The file's version, followed by those of the sidecars in use.</summary>
    public string Version => _header.Version;

    /// <summary>A level's georeferencing: the geotransform scaled to its size, and the GCP polynomial refitted to it.</summary>
    private static RasterLevel LevelOf(GeoTiffHeader header, TiffImage level, GcpTransform? gcps)
    {
        var full = header.Full;
        var transform = header.Transform.Scaled(full.Width, full.Height, level.Width, level.Height);
        return new RasterLevel(level.Width, level.Height, level.BlockWidth, level.BlockHeight, transform,
            gcps?.Scaled(header.Uri, (double)full.Width / level.Width, (double)full.Height / level.Height));
    }

    private static CrsDefinition ResolveCrs(GeoTiffHeader header, CrsRegistry crs)
    {
        if (header.UserDefinedCrs is not { } keys)
            return crs.TryResolve($"EPSG:{header.Epsg}", out var definition)
                ? definition
                : throw TiffErrors.Format(header.Uri, $"CRS EPSG:{header.Epsg} is not supported");
        string? citationError = null;
        if (GeoKeyCrs.CitationWkt(keys) is { } citation && crs.TryResolveDatasetText(citation, out var fromCitation, out citationError))
            return fromCitation;
        string wkt;
        try
        {
            wkt = GeoKeyCrs.BuildWkt(keys, crs);
        }
        catch (RasterFormatException) when (citationError is not null)
        {
            throw TiffErrors.Format(header.Uri, $"user-defined CRS: the ESRI PE string of the citation key: {citationError}");
        }
        try
        {
            return crs.RegisterUserDefined(wkt);
        }
        catch (ArgumentException e)
        {
            throw TiffErrors.Format(header.Uri, $"user-defined CRS {wkt}: {e.Message}");
        }
    }

    public RasterInfo Info { get; }

    public CrsDefinition Crs { get; }

    public AreaOfInterest? AreaOfInterest => Info.AreaOfInterest;

    public int BandCount => Info.BandCount;

    public RasterDataType DataType => Info.DataType;

    public double? Nodata => _header.Nodata;

    /// <summary>An alpha band gives the masks when the file has no internal or .msk mask (as <see cref="BlockDecoder"/> decodes).</summary>
    public int AlphaBand => _header.Masks[0] is null ? _header.Full.AlphaSample : -1;

    public IReadOnlyList<RasterLevel> Levels { get; }

    public (double Scale, double Offset) GetBandScaling(int band) => (Info.Bands[band].Scale, Info.Bands[band].Offset);

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken) =>
        Warper.ReadAsync(this, grid, bands, options, _crs, cancellationToken);

    public async Task<IReadOnlyList<RasterBlock>> ReadBlocksAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken)
    {
        if ((uint)level >= (uint)Levels.Count)
            throw new ArgumentOutOfRangeException(nameof(level), $"level {level} is outside 0..{Levels.Count - 1}");
        return await _cache.GetOrReadBlocksAsync(_header.Id, level, blocks, (missing, ct) => ReadStoredAsync(level, missing, ct), cancellationToken);
    }

    private async Task<RasterBlock[]> ReadStoredAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken)
    {
        try
        {
            return await _blocks.ReadAsync(level, blocks, cancellationToken);
        }
        catch (UpstreamException e) when (e.UpstreamStatus == 412)
        {
            _onSourceChanged();
            throw;
        }
    }
}
