using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// What the loaded plugins currently provide. Lookups return the current version; a reload swaps them atomically and
/// raises <see cref="Changed"/> (caches and capabilities documents listen to it).
/// </summary>
public interface IPluginCatalog : IRenderPlugins
{
    /// <summary>The provider for a <c>Source.Type</c> ("cog" is built in), or null.</summary>
    ISourceProvider? FindSourceProvider(string type);

    /// <summary>The given <c>Source.Type</c> names that neither a built-in provider nor a loaded plugin provides.</summary>
    IReadOnlyList<string> MissingSourceTypes(IEnumerable<string> types) =>
        [.. types.Distinct(StringComparer.OrdinalIgnoreCase).Where(t => FindSourceProvider(t) is null)];

    /// <summary>Increments on every load or reload; part of cache keys.</summary>
    long Generation { get; }

    event Action? Changed;
}
