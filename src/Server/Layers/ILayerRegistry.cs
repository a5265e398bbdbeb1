using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Layers;

/// <summary>The configured layers, with their sources opened on first use.</summary>
public interface ILayerRegistry
{
    IReadOnlyList<LayerDefinition> Layers { get; }

    LayerDefinition? Find(string id);

    /// <summary>The layer's source (opened once and cached; reopened after a plugin reload).</summary>
    Task<IRasterSource> GetSourceAsync(LayerDefinition layer, CancellationToken cancellationToken);

    /// <summary>Serves <paramref name="source"/> for the layer from now on (a time-enabled layer's refreshed search).</summary>
    void Replace(LayerDefinition layer, IRasterSource source);
}
