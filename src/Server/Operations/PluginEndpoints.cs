using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Operations;

/// <summary>GET /plugins: what is loaded, what each plugin registered, failures, and layers whose source type is missing.</summary>
internal static class PluginEndpoints
{
    public static IResult List(PluginCatalog catalog, PluginDirectory directory, IConfiguration configuration)
    {
        var snapshot = catalog.Snapshot;
        return Results.Json(new
        {
            directory = directory.Root,
            generation = catalog.Generation,
            builtInSourceTypes = catalog.BuiltInSourceTypes.Order(StringComparer.Ordinal),
            plugins = snapshot.Plugins.Values.OrderBy(p => p.Folder, StringComparer.Ordinal).Select(Describe),
            failures = snapshot.Failures.Values.OrderBy(f => f.Folder, StringComparer.Ordinal)
                .Select(f => new { folder = f.Folder, error = f.Error, at = f.At }),
            missingSourceTypes = ConfiguredSources.Read(configuration)
                .Where(l => catalog.FindSourceProvider(l.SourceType) is null)
                .Select(l => new { layer = l.LayerId, sourceType = l.SourceType }),
        });
    }

    private static object Describe(LoadedPlugin plugin)
    {
        var registered = plugin.Registrations;
        return new
        {
            name = plugin.Name,
            version = plugin.Version,
            folder = plugin.Folder,
            loadedAt = plugin.LoadedAt,
            registered = new
            {
                sourceTypes = registered.SourceProviders.Select(p => p.Type),
                expressionCompilers = registered.ExpressionCompilers.Count,
                colormaps = registered.ColormapProviders.Sum(p => p.Names.Count),
                colorOperationProviders = registered.ColorOperationProviders.Count,
            },
        };
    }
}
