using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;

namespace OgcTiler.TestSupport.Hosting.Fakes;

/// <summary>Layers over given sources; a layer's source can be made to fail or stall on opening.</summary>
internal sealed class FakeLayerRegistry(IReadOnlyList<(LayerDefinition Layer, IRasterSource Source)> layers) : ILayerRegistry
{
    public IReadOnlyList<LayerDefinition> Layers { get; set; } = layers.Select(l => l.Layer).ToList();

    public LayerDefinition? Find(string id) => Layers.FirstOrDefault(l => l.Id == id);

    /// <summary>Layers whose source fails to open, with the error the opening throws.</summary>
    public Dictionary<string, Exception> OpenErrors { get; } = [];

    /// <summary>Layers whose source never finishes opening (as over a stalled upstream) until the request is cancelled.</summary>
    public HashSet<string> Stalled { get; } = [];

    public Task<IRasterSource> GetSourceAsync(LayerDefinition layer, CancellationToken cancellationToken) =>
        Stalled.Contains(layer.Id) ? StallAsync(cancellationToken)
        : OpenErrors.TryGetValue(layer.Id, out var error) ? Task.FromException<IRasterSource>(error)
        : Task.FromResult(layers.First(l => l.Layer.Id == layer.Id).Source);

    public void Replace(LayerDefinition layer, IRasterSource source) => throw new NotSupportedException("no fake layer declares Time");

    private static async Task<IRasterSource> StallAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
