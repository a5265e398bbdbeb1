using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tiff;

namespace OgcTiler.Raster;

/// <summary>
/// Opens GeoTIFFs and COGs from local paths or HTTP(S) URLs. Parsed headers are cached by path (and modification
/// time) or URL, and decoded blocks are cached, both in one LRU cache of <c>cacheSizeMb</c> megabytes; the stored
/// (compressed) bytes of remote files' blocks are kept in a second one of <c>compressedCacheSizeMb</c> megabytes.
/// </summary>
public sealed class RasterOpener : IRasterOpener, IDisposable
{
    private readonly Func<HttpClient> _httpClient;
    private readonly RasterCache _cache;
    private readonly CompressedBlockCache? _compressed;
    private readonly CrsRegistry _crs;
    private readonly int _headerPrefetch;

    /// <summary>
    /// The dataset of each cached header, built once (CRS, levels with their GCP fits, info with its WGS 84 bounds)
    /// rather than on every open; it goes when its header leaves the cache. A header whose dataset cannot be built
    /// (say, an unsupported CRS) stays cached and fails again without a read.
    /// </summary>
    private readonly ConditionalWeakTable<GeoTiffHeader, GeoTiffDataset> _datasets = new();

    public RasterOpener(HttpClient httpClient, int cacheSizeMb)
        : this(() => httpClient, cacheSizeMb)
    {
    }

    public RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb)
        : this(httpClientFactory, cacheSizeMb, CrsRegistry.Default)
    {
    }

    public RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb, CrsRegistry crs)
        : this(httpClientFactory, cacheSizeMb, DefaultCompressedCacheMb(cacheSizeMb), crs, HeaderBuffer.DefaultPrefetch)
    {
    }

    /// <param name="compressedCacheSizeMb">Stored bytes of remote files' blocks; 0 keeps none.</param>
    public RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb, int compressedCacheSizeMb)
        : this(httpClientFactory, cacheSizeMb, compressedCacheSizeMb, CrsRegistry.Default, HeaderBuffer.DefaultPrefetch)
    {
    }

    /// <param name="headerPrefetch">Bytes read from the start of a file when opening it (tests use less).</param>
    internal RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb, CrsRegistry crs, int headerPrefetch)
        : this(httpClientFactory, cacheSizeMb, DefaultCompressedCacheMb(cacheSizeMb), crs, headerPrefetch)
    {
    }

    internal RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb, int compressedCacheSizeMb, CrsRegistry crs, int headerPrefetch)
    {
        _httpClient = httpClientFactory;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheSizeMb);
        ArgumentOutOfRangeException.ThrowIfNegative(compressedCacheSizeMb);
        _cache = new RasterCache(cacheSizeMb * 1024L * 1024L);
        _compressed = compressedCacheSizeMb > 0 ? new CompressedBlockCache(compressedCacheSizeMb * 1024L * 1024L) : null;
        _crs = crs;
        _headerPrefetch = headerPrefetch;
    }

    /// <summary>
    /// The compressed-block cache's size for a decoded-block cache of <paramref name="cacheSizeMb"/>: the same. It
    /// helps only by holding more blocks than the decoded cache, which at DEFLATE's 2:1 on uint16 reflectance takes
    /// more than half its size; at equal size it halves a remote sweep's requests (bench/RESULTS.md, "Compressed-block
    /// cache of remote files"). It fills only with blocks of remote files.
    /// </summary>
    public static int DefaultCompressedCacheMb(int cacheSizeMb) => cacheSizeMb;

    public async Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken)
    {
        var remote = IsHttp(uri);
        var key = remote ? uri : LocalKey(uri);
        var header = await _cache.GetOrOpenHeaderAsync(key, remote, async ct =>
        {
            IRangeReader reader = remote ? new HttpRangeReader(_httpClient(), uri) : FileRangeReader.Open(uri);
            var parsed = await GeoTiffHeader.ReadAsync(reader, _headerPrefetch, new Sidecars(suffix => OpenSidecar(uri, remote, suffix), _headerPrefetch), ct);
            return (parsed, parsed.SizeInBytes);
        }, cancellationToken);
        return _datasets.GetValue(header, h => new GeoTiffDataset(h, _cache, _compressed, _crs, () => _cache.RemoveHeader(key)));
    }

    /// <summary>Drops every cached header and block.</summary>
    public void Dispose()
    {
        _cache.Clear();
        _compressed?.Clear();
    }

    private static bool IsHttp(string uri) =>
        uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A sidecar's reader: remote ones are probed by their first read, local ones only when they exist.</summary>
    private IRangeReader? OpenSidecar(string uri, bool remote, string suffix)
    {
        if (remote)
            return new HttpRangeReader(_httpClient(), Sidecars.NameOf(uri, suffix));
        return File.Exists(uri + suffix) ? FileRangeReader.Open(uri + suffix) : null;
    }

    /// <summary>
    /// A changed file (new modification time or length) gets a new key, hence a fresh header; so does a sidecar that
    /// appears, changes or goes.
    /// </summary>
    private static string LocalKey(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new ResourceNotFoundException($"file not found: {path}");
        var key = $"{info.FullName}|{info.LastWriteTimeUtc.Ticks}|{info.Length}";
        foreach (var suffix in (ReadOnlySpan<string>)[Sidecars.Overviews, Sidecars.Mask, Sidecars.MaskOverviews])
        {
            var sidecar = new FileInfo(path + suffix);
            if (sidecar.Exists)
                key += $"|{suffix}:{sidecar.LastWriteTimeUtc.Ticks}:{sidecar.Length}";
        }
        return key;
    }
}
