using System.Reflection;
using McMaster.NETCore.Plugins;
using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// One plugin folder under McMaster's loader with hot reload: when a new build is copied in, the loader unloads the
/// old context and this registers the new version and publishes it to the catalog. Requests in flight keep the old
/// providers until they finish.
/// </summary>
internal sealed class PluginFolder : IDisposable
{
    private readonly PluginLoader _loader;
    private readonly PluginCatalog _catalog;
    private readonly Func<string, PluginCache, IPluginHost> _createHost;
    private readonly ILogger _logger;
    private readonly Lock _loadLock = new();

    public PluginFolder(string folder, string assemblyPath, PluginCatalog catalog, Func<string, PluginCache, IPluginHost> createHost, ILogger logger)
    {
        Folder = folder;
        _catalog = catalog;
        _createHost = createHost;
        _logger = logger;
        _loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, sharedTypes: [typeof(IPlugin)], config =>
        {
            config.EnableHotReload = true;
            config.LoadInMemory = true;
            config.ReloadDelay = TimeSpan.FromMilliseconds(300);
        });
        _loader.Reloaded += (_, _) => Load();
    }

    public string Folder { get; }

    /// <summary>Loads the plugin and publishes it; a failure is logged and recorded, and any previous version stays.</summary>
    public void Load()
    {
        lock (_loadLock)
        {
            var cache = new PluginCache();
            try
            {
                var plugin = CreatePlugin(_loader.LoadDefaultAssembly());
                var registry = new PluginRegistry(_createHost(plugin.Name, cache));
                plugin.Register(registry);
                var loaded = new LoadedPlugin(plugin.Name, plugin.Version, Folder, DateTimeOffset.UtcNow, registry.Close(), cache);
                _catalog.Publish(loaded);
                _logger.LogInformation("Plugin {Name} {Version} loaded from {Folder}", loaded.Name, loaded.Version, Folder);
            }
            catch (Exception error)
            {
                cache.Dispose();
                var reason = Describe(error);
                _catalog.RecordFailure(new PluginFailure(Folder, reason, DateTimeOffset.UtcNow));
                _logger.LogError("Plugin folder {Folder} skipped: {Reason}", Folder, reason);
            }
        }
    }

    public void Dispose() => _loader.Dispose();

    private static IPlugin CreatePlugin(Assembly assembly)
    {
        var types = assembly.GetExportedTypes()
            .Where(t => typeof(IPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        if (types.Count != 1)
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} must export exactly one IPlugin class, found {types.Count}");
        return (IPlugin)(Activator.CreateInstance(types[0])
            ?? throw new InvalidOperationException($"could not create {types[0].FullName}"));
    }

    private static string Describe(Exception error) => error switch
    {
        TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
