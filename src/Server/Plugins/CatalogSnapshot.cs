using System.Collections.Frozen;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Plugins;

/// <summary>One immutable version of the catalog: loaded plugins by folder, failures, and the lookups built from them.</summary>
internal sealed record CatalogSnapshot(
    FrozenDictionary<string, LoadedPlugin> Plugins,
    FrozenDictionary<string, PluginFailure> Failures,
    FrozenDictionary<string, ISourceProvider> SourceProviders,
    IExpressionCompiler? ExpressionCompiler,
    IColormapProvider? Colormaps,
    IColorOperationProvider? ColorOperations)
{
    public static CatalogSnapshot Empty { get; } = Build(
        new Dictionary<string, LoadedPlugin>(), [], (_, _, _) => { });

    /// <summary>Earlier folders (ordinal order) win when two plugins provide the same thing.</summary>
    public static CatalogSnapshot Build(
        IReadOnlyDictionary<string, LoadedPlugin> plugins,
        IEnumerable<KeyValuePair<string, PluginFailure>> failures,
        Action<string, string, string> onDuplicateSourceType)
    {
        var ordered = plugins.Values.OrderBy(p => p.Folder, StringComparer.Ordinal).ToList();
        var sources = new Dictionary<string, (ISourceProvider Provider, string Plugin)>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in ordered)
        {
            foreach (var provider in plugin.Registrations.SourceProviders)
            {
                if (sources.TryGetValue(provider.Type, out var existing))
                    onDuplicateSourceType(provider.Type, existing.Plugin, plugin.Name);
                else
                    sources[provider.Type] = (provider, plugin.Name);
            }
        }
        var registrations = ordered.Select(p => p.Registrations).ToList();
        return new CatalogSnapshot(
            plugins.ToFrozenDictionary(StringComparer.Ordinal),
            failures.ToFrozenDictionary(StringComparer.Ordinal),
            sources.ToFrozenDictionary(s => s.Key, s => s.Value.Provider, StringComparer.OrdinalIgnoreCase),
            registrations.SelectMany(r => r.ExpressionCompilers).FirstOrDefault(),
            registrations.SelectMany(r => r.ColormapProviders).FirstOrDefault(),
            registrations.SelectMany(r => r.ColorOperationProviders).FirstOrDefault());
    }
}
