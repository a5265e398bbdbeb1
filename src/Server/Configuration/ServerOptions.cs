using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Configuration;

/// <summary>Everything bound from config/ogctiler.json (and its environment overrides), validated at start.</summary>
/// <param name="ConfigDirectory">Folder of the config file: relative paths in it resolve against this.</param>
public sealed record ServerOptions(
    string ConfigDirectory,
    ServiceOptions Service,
    SourcesOptions Sources,
    TileMatrixSetsOptions TileMatrixSets,
    IReadOnlyList<LayerDefinition> Layers,
    CacheOptions Cache,
    EncodingOptions Encoding)
{
    public OgcOptions Ogc { get; init; } = new();

    public PluginOptions Plugins { get; init; } = new();

    public HealthOptions Health { get; init; } = new();

    public ViewerOptions Viewer { get; init; } = new();

    public SearchesOptions Searches { get; init; } = new(SearchesOptions.DefaultDirectory, null);
}

/// <summary>Service metadata shown in capabilities documents.</summary>
public sealed record ServiceOptions(
    string Title,
    string? Abstract,
    IReadOnlyList<string> Keywords,
    string? ProviderName,
    string? ProviderSite,
    string? ContactName,
    string? ContactEmail);

/// <summary>What requests may read: absolute folders and URL prefixes, and how upstream HTTP requests are bounded.</summary>
/// <param name="AllowedNetworks">Non-public networks (loopback, private, link-local) upstream hosts may resolve to.</param>
public sealed record SourcesOptions(
    IReadOnlyList<string> AllowedRoots,
    IReadOnlyList<string> AllowedUrlPrefixes,
    IReadOnlyList<System.Net.IPNetwork> AllowedNetworks,
    UpstreamOptions Upstream);

/// <summary>Limits of every upstream HTTP request (COG ranges, STAC documents).</summary>
/// <param name="FirstByteTimeout">From sending until the response headers arrive, redirects and retries included.</param>
/// <param name="RequestTimeout">From sending until the whole body is read.</param>
/// <param name="MinBytesPerSecond">Slowest body transfer accepted after a short grace period.</param>
/// <param name="Retries">Retries of a transient failure (5xx, 408, 429, connection reset), with backoff and jitter.</param>
public sealed record UpstreamOptions(TimeSpan ConnectTimeout, TimeSpan FirstByteTimeout, TimeSpan RequestTimeout, int MinBytesPerSecond, int Retries)
{
    public static UpstreamOptions Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), 1024, 2);
}

/// <summary>An absolute folder of extra TileMatrixSet JSON files, or null for the built-in sets only.</summary>
public sealed record TileMatrixSetsOptions(string? Directory);

/// <param name="Tiles">Rendered-tile cache.</param>
/// <param name="BlocksSizeMB">Decoded block and parsed header cache of the raster engine.</param>
/// <param name="BlocksCompressedSizeMB">Stored (compressed) bytes of the blocks of remote files; 0 for none.</param>
public sealed record CacheOptions(TileCacheOptions Tiles, int BlocksSizeMB, int BlocksCompressedSizeMB, RedisCacheOptions? Redis);

/// <summary>
/// <c>Cache:Redis</c>: the shared second-level tile cache (StackExchange.Redis connection string), the prefix of its
/// keys and how long a tile stays in Redis.
/// </summary>
public sealed record RedisCacheOptions(string Configuration, string InstanceName, int ExpirationSeconds);

public sealed record TileCacheOptions(bool Enabled, int SizeMB, int MaxAgeSeconds);

/// <summary>Section <c>Ogc</c>: the largest WMS picture (4096 × 4096 by default).</summary>
public sealed record OgcOptions(int MaxWidth = 4096, int MaxHeight = 4096);

/// <summary>Section <c>Plugins</c>: the folder holding one sub-folder per plugin.</summary>
public sealed record PluginOptions(string Directory = "plugins")
{
    /// <summary>Relative paths resolve against the server binary's folder.</summary>
    public string ResolveDirectory() => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}

/// <summary>
/// Section <c>Health</c>: whether <c>/readyz</c> answers each check's status and description as JSON, and the duration
/// above which a request is logged as slow (0: never).
/// </summary>
public sealed record HealthOptions(bool Details = false, int SlowRequestMilliseconds = 2000);

/// <summary>
/// Section <c>Viewer</c>: the background map of map.html, an XYZ URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c>
/// (none by default: the viewer needs no internet); the page leaves it off when its first tile does not load.
/// </summary>
public sealed record ViewerOptions(string? BasemapUrl = null, string? BasemapAttribution = null);

/// <summary><c>Searches</c>: where registered searches are kept, and the STAC API <c>/searches/register</c> uses without <c>url</c>.</summary>
public sealed record SearchesOptions(string Directory, string? StacApi)
{
    public static string DefaultDirectory => Path.Combine(Path.GetTempPath(), "ogctiler-searches");
}
