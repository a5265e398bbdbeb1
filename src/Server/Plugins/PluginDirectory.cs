using Microsoft.Extensions.Options;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// Loads every plugin folder under <see cref="PluginOptions.Directory"/> at start, then watches the directory so a
/// folder that appears later (or failed before McMaster could watch it) is loaded when its .dll files arrive.
/// </summary>
internal sealed class PluginDirectory(
    PluginCatalog catalog,
    IOptions<PluginOptions> options,
    IServiceProvider services,
    ILoggerFactory loggers,
    IConfiguration configuration) : IHostedService, IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(500);
    private readonly ILogger _logger = loggers.CreateLogger<PluginDirectory>();
    private readonly Dictionary<string, PluginFolder> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Timer> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;

    public string Root { get; } = options.Value.ResolveDirectory();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            _logger.LogWarning("Plugin directory {Root} does not exist; no plugins loaded", Root);
            return Task.CompletedTask;
        }
        foreach (var folder in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
            Load(folder);
        Watch();
        ReportMissingSourceTypes();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _watcher?.Dispose();
        lock (_lock)
        {
            foreach (var timer in _pending.Values)
                timer.Dispose();
            foreach (var folder in _folders.Values)
                folder.Dispose();
            _folders.Clear();
        }
    }

    private void Load(string folder)
    {
        lock (_lock)
        {
            if (_folders.ContainsKey(folder))
                return;
            string assembly;
            try
            {
                assembly = PluginAssemblyLocator.Find(folder);
            }
            catch (Exception error) when (error is InvalidOperationException or IOException)
            {
                catalog.RecordFailure(new PluginFailure(folder, error.Message, DateTimeOffset.UtcNow));
                _logger.LogError("Plugin folder {Folder} skipped: {Reason}", folder, error.Message);
                return;
            }
            var loaded = new PluginFolder(folder, assembly, catalog, CreateHost, _logger);
            _folders[folder] = loaded;
            loaded.Load();
        }
    }

    private PluginHost CreateHost(string pluginName, PluginCache cache) =>
        new(services, loggers.CreateLogger($"OgcTiler.Plugins.{pluginName}"), cache);

    private void Watch()
    {
        _watcher = new FileSystemWatcher(Root, "*.dll") { IncludeSubdirectories = true };
        _watcher.Created += (_, e) => OnDllChanged(e.FullPath);
        _watcher.Changed += (_, e) => OnDllChanged(e.FullPath);
        _watcher.Renamed += (_, e) => OnDllChanged(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Folders with a loader reload themselves; others are (re)tried once the copy has settled.</summary>
    private void OnDllChanged(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        var separator = relative.IndexOf(Path.DirectorySeparatorChar);
        if (separator <= 0)
            return;
        var folder = Path.Combine(Root, relative[..separator]);
        lock (_lock)
        {
            if (_folders.ContainsKey(folder))
                return;
            if (_pending.Remove(folder, out var previous))
                previous.Dispose();
            _pending[folder] = new Timer(_ => LoadPending(folder), null, SettleDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void LoadPending(string folder)
    {
        lock (_lock)
        {
            if (_pending.Remove(folder, out var timer))
                timer.Dispose();
        }
        Load(folder);
    }

    private void ReportMissingSourceTypes()
    {
        foreach (var layer in ConfiguredSources.Read(configuration))
        {
            if (catalog.FindSourceProvider(layer.SourceType) is null)
                _logger.LogError(
                    "Layer {Layer} uses Source.Type '{Type}', which no built-in provider or loaded plugin provides; the layer cannot render",
                    layer.LayerId, layer.SourceType);
        }
    }
}
