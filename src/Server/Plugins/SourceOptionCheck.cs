using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// A layer's <c>Source</c> option keys against those its provider declares (<see cref="ISourceProvider.OptionKeys"/>),
/// compared as the contract says: ignoring case, '_' and '-'.
/// </summary>
internal static class SourceOptionCheck
{
    /// <summary>One message per unknown key, with its config path, for the layers whose provider is known.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyList<LayerDefinition> layers, Func<string, ISourceProvider?> providerOf)
    {
        var errors = new List<string>();
        for (var i = 0; i < layers.Count; i++)
        {
            if (providerOf(layers[i].Source.Type) is { } provider)
                errors.AddRange(UnknownKeys(layers[i].Source, provider).Select(key => Message($"Layers:{i}:Source:{key}", layers[i].Source, key, provider)));
        }
        return errors;
    }

    public static IEnumerable<string> UnknownKeys(SourceDefinition source, ISourceProvider provider) =>
        provider.OptionKeys is { } keys
            ? source.Options.Keys.Where(k => !keys.Any(known => Normalize(known) == Normalize(k))).Order(StringComparer.Ordinal)
            : [];

    public static string Message(string where, SourceDefinition source, string key, ISourceProvider provider) =>
        $"{where}: source type '{source.Type}' has no option '{key}' ("
        + (provider.OptionKeys is { Count: > 0 } keys ? "its options: " + string.Join(", ", keys) : "it takes only Url") + ")";

    private static string Normalize(string key) => key.Replace("_", "").Replace("-", "").ToLowerInvariant();
}
