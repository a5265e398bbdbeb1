using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tiff;

namespace OgcTiler.Raster;

/// <summary>
/// Opens GeoTIFFs and COGs from local paths or HTTP(S) URLs. Parsed headers are cached by path (and modification
/// time) or URL, and decoded blocks are cached, both in one LRU cache of <c>cacheSizeMb</c> megabytes.
/// </summary>
public sealed class RasterOpener : IRasterOpener, IDisposable
{
    private readonly Func<HttpClient> _httpClient;
    private readonly RasterCache _cache;
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
        : this(httpClientFactory, cacheSizeMb, crs, HeaderBuffer.DefaultPrefetch)
    {
    }

    /// <param name="headerPrefetch">Bytes read from the start of a file when opening it (tests use less).</param>
    internal RasterOpener(Func<HttpClient> httpClientFactory, int cacheSizeMb, CrsRegistry crs, int headerPrefetch)
    {
        _httpClient = httpClientFactory;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheSizeMb);
        _cache = new RasterCache(cacheSizeMb * 1024L * 1024L);
        _crs = crs;
        _headerPrefetch = headerPrefetch;
    }

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
        return _datasets.GetValue(header, h => new GeoTiffDataset(h, _cache, _crs, () => _cache.RemoveHeader(key)));
    }

    /// <summary>Drops every cached header and block.</summary>
    public void Dispose() => _cache.Clear();

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
