using System.Collections.Concurrent;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// Built capabilities documents as bytes, by kind and base URL. They go stale when plugins change or when the layer
/// registry holds another layer list (a config reload swaps it) or a layer's time values change; <see cref="UpdateSequence"/> then increases.
/// </summary>
internal sealed class CapabilitiesCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly OgcLayers _layers;
    private volatile State _state;

    public CapabilitiesCache(OgcLayers layers, IPluginCatalog plugins, LayerTimes times, TimeProvider clock)
    {
        _layers = layers;
        _state = new State(layers.Definitions, clock.GetUtcNow().ToUnixTimeSeconds());
        plugins.Changed += Invalidate;
        times.Changed += Invalidate;
    }

    private void Invalidate() => _state = new State(_state.Layers, _state.Sequence + 1);

    /// <summary>The documents' version (WMS and WMTS <c>updateSequence</c>).</summary>
    public long UpdateSequence
    {
        get
        {
            var state = _state;
            var layers = _layers.Definitions;
            if (ReferenceEquals(state.Layers, layers))
                return state.Sequence;
            _state = state = new State(layers, state.Sequence + 1);
            return state.Sequence;
        }
    }

    /// <summary>
    /// The cached document, or one <paramref name="write"/> makes from the layers (and the sequence); a document
    /// written while some layers were still opening is not kept, so the next request describes them.
    /// </summary>
    public async Task<byte[]> GetAsync(string key, Func<IReadOnlyList<OgcLayer>, long, byte[]> write, CancellationToken cancellationToken)
    {
        var sequence = UpdateSequence;
        if (_entries.TryGetValue(key, out var entry) && entry.Sequence == sequence)
            return entry.Bytes;
        var layers = await _layers.LoadAllAsync(cancellationToken);
        var bytes = write(layers.Layers, sequence);
        if (layers.Complete)
            _entries[key] = new Entry(sequence, bytes);
        return bytes;
    }

    /// <summary>A document of the request's own (a WMTS capabilities <c>Time</c>), written each time and not kept.</summary>
    public async Task<byte[]> WriteAsync(Func<IReadOnlyList<OgcLayer>, long, byte[]> write, CancellationToken cancellationToken)
    {
        var sequence = UpdateSequence;
        return write((await _layers.LoadAllAsync(cancellationToken)).Layers, sequence);
    }

    private sealed record State(object Layers, long Sequence);

    private sealed record Entry(long Sequence, byte[] Bytes);
}
