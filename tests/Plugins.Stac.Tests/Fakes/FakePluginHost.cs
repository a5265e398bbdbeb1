using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>
/// A plugin host for tests: the fake opener (or a given one, e.g. the raster engine's), an unbounded cache, and an
/// access policy of denied prefixes.
/// </summary>
internal sealed class FakePluginHost(IRasterOpener? rasters = null) : IPluginHost, IPluginCache
{
    public static readonly HttpClient Http = new();
    private readonly ConcurrentDictionary<string, object> _cache = new();

    public FakeRasterOpener Opener { get; } = new(FixtureDatasets.Load);

    public List<string> DeniedPrefixes { get; } = [];

    public ConcurrentQueue<string> Log { get; } = new();

    public int CacheMisses;

    public IRasterOpener Rasters => rasters ?? Opener;

    public IPluginCache Cache => this;

    public void EnsureAllowed(string uri)
    {
        if (DeniedPrefixes.Any(p => uri.StartsWith(p, StringComparison.Ordinal)))
            throw new AccessDeniedException($"{uri} is outside the allowed roots");
    }

    public HttpClient CreateHttpClient() => Http;

    public void LogInformation(string message) => Log.Enqueue(message);

    public void LogWarning(string message) => Log.Enqueue("warning: " + message);

    public async Task<T> GetOrCreateAsync<T>(string key, long sizeBytes, Func<CancellationToken, Task<T>> factory, CancellationToken cancellationToken)
        where T : notnull
    {
        if (_cache.TryGetValue(key, out var hit))
            return (T)hit;
        Interlocked.Increment(ref CacheMisses);
        var value = await factory(cancellationToken);
        _cache[key] = value;
        return value;
    }
}
