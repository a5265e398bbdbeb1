using System.Collections.Frozen;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Operations;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// The current plugins, kept as one immutable snapshot that a load or reload replaces in a single write: a request
/// reads one consistent version, and requests in flight keep the providers they already hold.
/// </summary>
internal sealed class PluginCatalog : IPluginCatalog
{
    private readonly FrozenDictionary<string, ISourceProvider> _builtIn;
    private readonly ILogger<PluginCatalog> _logger;
    private readonly Lock _writeLock = new();
    private CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private long _generation;

    public PluginCatalog(IEnumerable<ISourceProvider> builtIn, ILogger<PluginCatalog> logger)
    {
        _builtIn = builtIn.DistinctBy(p => p.Type, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(p => p.Type, StringComparer.OrdinalIgnoreCase);
        _logger = logger;
    }

    public event Action? Changed;

    public IExpressionCompiler? ExpressionCompiler => Snapshot.ExpressionCompiler;

    public IColormapProvider? Colormaps => Snapshot.Colormaps;

    public IColorOperationProvider? ColorOperations => Snapshot.ColorOperations;

    public long Generation => Interlocked.Read(ref _generation);

    public CatalogSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public IEnumerable<string> BuiltInSourceTypes => _builtIn.Keys;

    public ISourceProvider? FindSourceProvider(string type) =>
        _builtIn.GetValueOrDefault(type) ?? Snapshot.SourceProviders.GetValueOrDefault(type);

    /// <summary>Puts a newly registered plugin version in service, replacing the folder's previous one.</summary>
    public void Publish(LoadedPlugin plugin)
    {
        LoadedPlugin? replaced;
        lock (_writeLock)
        {
            var current = Snapshot;
            replaced = current.Plugins.GetValueOrDefault(plugin.Folder);
            var plugins = new Dictionary<string, LoadedPlugin>(current.Plugins) { [plugin.Folder] = plugin };
            var failures = current.Failures.Where(f => f.Key != plugin.Folder);
            Swap(CatalogSnapshot.Build(plugins, failures, WarnAboutDuplicate));
        }
        replaced?.Cache.Clear();
        ServerMetrics.PluginLoads.Add(1);
    }

    /// <summary>Records a failed load of a folder; a version already in service stays.</summary>
    public void RecordFailure(PluginFailure failure)
    {
        lock (_writeLock)
        {
            var current = Snapshot;
            var failures = current.Failures.Where(f => f.Key != failure.Folder)
                .Append(KeyValuePair.Create(failure.Folder, failure));
            Swap(CatalogSnapshot.Build(current.Plugins, failures, WarnAboutDuplicate));
        }
        ServerMetrics.PluginFailures.Add(1);
    }

    private void Swap(CatalogSnapshot snapshot)
    {
        Volatile.Write(ref _snapshot, snapshot);
        Interlocked.Increment(ref _generation);
        Changed?.Invoke();
    }

    private void WarnAboutDuplicate(string type, string kept, string ignored) =>
        _logger.LogWarning("Source type '{Type}' is provided by plugins {Kept} and {Ignored}; using {Kept}", type, kept, ignored, kept);
}
