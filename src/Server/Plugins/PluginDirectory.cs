using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// Loads every plugin folder under <see cref="PluginOptions.Directory"/> at start, then watches the directory with one
/// watcher: when a folder's .dll files change (a new build copied in) and have settled, that folder is loaded again
/// and swapped in; a folder that appears later is loaded the same way.
/// </summary>
internal sealed class PluginDirectory(
    PluginCatalog catalog,
    PluginOptions options,
    IServiceProvider services,
    ILoggerFactory loggers,
    IConfiguration configuration,
    TimeProvider clock) : IHostedService, IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(500);
    private readonly ILogger _logger = loggers.CreateLogger<PluginDirectory>();
    private readonly Dictionary<string, PluginFolder> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Timer> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;

    public string Root { get; } = options.ResolveDirectory();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            _logger.LogWarning("Plugin directory {Root} does not exist; no plugins loaded", Root);
            return Task.CompletedTask;
        }
        LoadOnce();
        Watch();
        ReportMissingSourceTypes();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Loads every plugin folder, without watching (also what <c>--check-config</c> does).</summary>
    public void LoadOnce()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var folder in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
            Load(folder);
    }

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
            if (_folders.TryGetValue(folder, out var existing))
            {
                existing.Load();
                return;
            }
            string assembly;
            try
            {
                assembly = PluginAssemblyLocator.Find(folder);
            }
            catch (Exception error) when (error is InvalidOperationException or IOException)
            {
                catalog.RecordFailure(new PluginFailure(folder, error.Message, clock.GetUtcNow()));
                _logger.LogError("Plugin folder {Folder} skipped: {Reason}", folder, error.Message);
                return;
            }
            var loaded = new PluginFolder(folder, assembly, catalog, CreateHost, clock, _logger);
            _folders[folder] = loaded;
            loaded.Load();
        }
    }

    private PluginHost CreateHost(string pluginName, PluginCache cache) =>
        new(services, loggers.CreateLogger($"OgcTiler.Plugins.{pluginName}"), cache);

    private void Watch()
    {
        try
        {
            _watcher = new FileSystemWatcher(Root, "*.dll") { IncludeSubdirectories = true };
            _watcher.Created += (_, e) => OnDllChanged(e.FullPath);
            _watcher.Changed += (_, e) => OnDllChanged(e.FullPath);
            _watcher.Renamed += (_, e) => OnDllChanged(e.FullPath);
            _watcher.EnableRaisingEvents = true;
        }
        catch (IOException error)
        {
            _watcher?.Dispose();
            _watcher = null;
            _logger.LogWarning("Plugin directory {Root} is not watched, so plugins will not reload: {Reason}", Root, error.Message);
        }
    }

    /// <summary>Restarts the folder's settle timer; the folder is (re)loaded once its files stop changing.</summary>
    private void OnDllChanged(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        var separator = relative.IndexOf(Path.DirectorySeparatorChar);
        if (separator <= 0)
            return;
        var folder = Path.Combine(Root, relative[..separator]);
        lock (_lock)
        {
            if (_pending.Remove(folder, out var previous))
                previous.Dispose();
            Timer? timer = null;
            timer = new Timer(_ => LoadSettled(folder, timer!), null, SettleDelay, Timeout.InfiniteTimeSpan);
            _pending[folder] = timer;
        }
    }

    private void LoadSettled(string folder, Timer timer)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(folder, out var current) || current != timer)
                return;
            _pending.Remove(folder);
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
        var layers = services.GetService<ServerOptions>()?.Layers ?? [];
        foreach (var error in SourceOptionCheck.Errors(layers, catalog.FindSourceProvider))
            _logger.LogError("{Error}; the layer cannot render", error);
    }
}
