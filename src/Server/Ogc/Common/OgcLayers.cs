using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>A configured layer with its opened source, as WMTS and WMS offer it.</summary>
internal sealed record OgcLayer(LayerDefinition Definition, IRasterSource Source)
{
    public const string DefaultStyle = "default";

    public string Id => Definition.Id;

    public string Title => Definition.Title ?? Definition.Id;

    public SourceInfo Info => Source.Info;

    /// <summary>The layer's time dimension, when it declares <c>Time</c>.</summary>
    public TimeDimension? Time { get; init; }

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

/// <summary>The layers of a capabilities document; <see cref="Complete"/> is false when some were still opening.</summary>
internal sealed record OgcLayerList(IReadOnlyList<OgcLayer> Layers, bool Complete);

/// <summary>
/// Opens the configured layers' sources for the OGC services. Capabilities never wait long on them: a layer whose
/// source fails is left out, one still opening after <see cref="CapabilitiesWait"/> is described as it was last
/// opened (or left out if it never was), and both are logged.
/// </summary>
internal sealed class OgcLayers(ILayerRegistry registry, LayerTimes times, ILogger<OgcLayers> logger)
{
    public static readonly TimeSpan CapabilitiesWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, OgcLayer> _lastOpened = new(StringComparer.Ordinal);

    public IReadOnlyList<LayerDefinition> Definitions => registry.Layers;

    public async Task<OgcLayerList> LoadAllAsync(CancellationToken cancellationToken)
    {
        var definitions = registry.Layers;
        // Opening is shared with later requests (the registry keeps it), so it is not tied to this request's token.
        var opening = definitions.Select(d => registry.GetSourceAsync(d, CancellationToken.None)).ToArray();
        await Task.WhenAny(Task.WhenAll(opening), Task.Delay(CapabilitiesWait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        var layers = new List<OgcLayer>(definitions.Count);
        var complete = true;
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var task = opening[i];
            if (task.IsCompletedSuccessfully)
            {
                if (TryDescribe(definition, task.Result, out var layer))
                {
                    _lastOpened[definition.Id] = layer;
                    layers.Add(layer);
                }
            }
            else if (task.IsCompleted)
            {
                var error = task.Exception!.GetBaseException();
                logger.LogWarning(error, "layer {Layer} is left out of the OGC capabilities: {Reason}", definition.Id, error.Message);
            }
            else
            {
                complete = false;
                var last = _lastOpened.GetValueOrDefault(definition.Id);
                if (last is not null)
                    layers.Add(last with { Definition = definition });
                logger.LogWarning("layer {Layer} is still opening after {Seconds} s: the OGC capabilities {What}",
                    definition.Id, CapabilitiesWait.TotalSeconds, last is null ? "leave it out for now" : "describe it as last opened");
            }
        }
        return new OgcLayerList(layers, complete);
    }

    /// <summary>The layer with this id (case-sensitive), or null when there is none.</summary>
    public async Task<OgcLayer?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (registry.Find(id) is not { } definition)
            return null;
        var source = await registry.GetSourceAsync(definition, cancellationToken);
        return new OgcLayer(definition, source) { Time = times.For(definition, source) };
    }

    private bool TryDescribe(LayerDefinition definition, IRasterSource source, out OgcLayer layer)
    {
        try
        {
            layer = new OgcLayer(definition, source) { Time = times.For(definition, source) };
            return true;
        }
        catch (OgcTilerException e)
        {
            logger.LogWarning(e, "layer {Layer} is left out of the OGC capabilities: {Reason}", definition.Id, e.Message);
            layer = null!;
            return false;
        }
    }
}
