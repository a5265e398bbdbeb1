using System.Reflection;
using McMaster.NETCore.Plugins;
using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// One plugin folder. Each <see cref="Load"/> reads the assembly into a new collectible load context (McMaster's
/// loader, in memory so the files stay free to overwrite), registers the plugin and publishes it to the catalog; only
/// then is the previous context unloaded. Requests in flight keep the old providers until they finish.
/// </summary>
internal sealed class PluginFolder(
    string folder,
    string assemblyPath,
    PluginCatalog catalog,
    Func<string, PluginCache, IPluginHost> createHost,
    TimeProvider clock,
    ILogger logger) : IDisposable
{
    private readonly Lock _loadLock = new();
    private PluginLoader? _current;

    public string Folder { get; } = folder;

    /// <summary>Loads the plugin and publishes it; a failure is logged and recorded, and any previous version stays.</summary>
    public void Load()
    {
        lock (_loadLock)
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, sharedTypes: [typeof(IPlugin)], config =>
            {
                config.IsUnloadable = true;
                config.LoadInMemory = true;
            });
            try
            {
                var plugin = CreatePlugin(loader.LoadDefaultAssembly());
                var cache = new PluginCache();
                var registry = new PluginRegistry(createHost(plugin.Name, cache));
                plugin.Register(registry);
                var loaded = new LoadedPlugin(plugin.Name, plugin.Version, Folder, clock.GetUtcNow(), registry.Close(), cache);
                catalog.Publish(loaded);
                (_current, var previous) = (loader, _current);
                previous?.Dispose();
                logger.LogInformation("Plugin {Name} {Version} loaded from {Folder}", loaded.Name, loaded.Version, Folder);
            }
            catch (Exception error)
            {
                loader.Dispose();
                var reason = Describe(error);
                catalog.RecordFailure(new PluginFailure(Folder, reason, clock.GetUtcNow()));
                logger.LogError("Plugin folder {Folder} skipped: {Reason}", Folder, reason);
            }
        }
    }

    public void Dispose()
    {
        lock (_loadLock)
            _current?.Dispose();
    }

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
