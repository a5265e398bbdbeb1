using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>A configured layer with its opened source, as WMTS and WMS offer it.</summary>
internal sealed record OgcLayer(LayerDefinition Definition, IRasterSource Source)
{
    public const string DefaultStyle = "default";

    public string Id => Definition.Id;

    public string Title => Definition.Title ?? Definition.Id;

    public SourceInfo Info => Source.Info;

    /// <summary>"default" first, then the layer's other named styles.</summary>
    public IEnumerable<string> StyleNames => LayerStyles.Names(Definition);

    /// <summary>
    /// Render options of a style: the layer's <c>Render</c> with the style's options over it. Empty or "default" is the
    /// default style; null when the layer has no such style.
    /// </summary>
    public RenderOptions? FindStyle(string? style) =>
        string.IsNullOrEmpty(style) || style == DefaultStyle || Definition.Styles.ContainsKey(style)
            ? LayerStyles.Resolve(Definition, style)
            : null;
}

/// <summary>Opens the configured layers' sources for the OGC services; a layer whose source fails is left out and logged.</summary>
internal sealed class OgcLayers(ILayerRegistry registry, ILogger<OgcLayers> logger)
{
    public IReadOnlyList<LayerDefinition> Definitions => registry.Layers;

    public async Task<IReadOnlyList<OgcLayer>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var layers = new List<OgcLayer>(registry.Layers.Count);
        foreach (var definition in registry.Layers)
        {
            try
            {
                layers.Add(new OgcLayer(definition, await registry.GetSourceAsync(definition, cancellationToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "layer {Layer} is left out of the OGC capabilities: {Reason}", definition.Id, e.Message);
            }
        }
        return layers;
    }

    /// <summary>The layer with this id (case-sensitive), or null when there is none.</summary>
    public async Task<OgcLayer?> FindAsync(string id, CancellationToken cancellationToken) =>
        registry.Find(id) is { } definition
            ? new OgcLayer(definition, await registry.GetSourceAsync(definition, cancellationToken))
            : null;
}
