namespace OgcTiler.Server.Plugins;

/// <summary>The <c>Source.Type</c> of each configured layer, read from <c>Layers</c> in the configuration.</summary>
internal static class ConfiguredSources
{
    public sealed record LayerSource(string LayerId, string SourceType);

    public static IReadOnlyList<LayerSource> Read(IConfiguration configuration) =>
    [
        .. configuration.GetSection("Layers").GetChildren()
            .Select(layer => new LayerSource(layer["Id"] ?? layer.Key, layer["Source:Type"] ?? ""))
            .Where(layer => layer.SourceType.Length > 0),
    ];
}
