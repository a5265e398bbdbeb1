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
        var file = await _cache.GetOrOpenHeaderAsync(key, remote, async ct =>
        {
            IRangeReader reader = remote ? new HttpRangeReader(_httpClient(), uri) : FileRangeReader.Open(uri);
            var header = await GeoTiffHeader.ReadAsync(reader, _headerPrefetch, ct);
            return (new OpenedFile(reader, header), header.SizeInBytes);
        }, cancellationToken);
        return new GeoTiffDataset(file.Header, file.Reader, _cache, _crs, () => _cache.RemoveHeader(key));
    }

    /// <summary>Drops every cached header and block.</summary>
    public void Dispose() => _cache.Clear();

    private static bool IsHttp(string uri) =>
        uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A changed file (new modification time or length) gets a new key, hence a fresh header.</summary>
    private static string LocalKey(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new ResourceNotFoundException($"file not found: {path}");
        return $"{info.FullName}|{info.LastWriteTimeUtc.Ticks}|{info.Length}";
    }

    private sealed record OpenedFile(IRangeReader Reader, GeoTiffHeader Header);
}
