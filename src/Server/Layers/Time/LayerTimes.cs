using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Layers.Time;

/// <summary>
/// The time dimensions of the layers that declare <c>Time</c>, built once per opened source. A layer with
/// <c>RefreshSeconds</c> is reopened in the background when its source is older than that (the request that notices
/// it is served from the current one); a changed set of item times raises <see cref="Changed"/> (capabilities are rebuilt).
/// </summary>
internal sealed class LayerTimes(ILayerRegistry registry, TimeProvider clock, ILogger<LayerTimes> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public event Action? Changed;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The layer's dimension over <paramref name="source"/>, or null when the layer has no <c>Time</c>.</summary>
    public TimeDimension? For(LayerDefinition layer, IRasterSource source)
    {
        if (layer.Time is not { } options)
            return null;
        if (source is not ITimedSource timed)
            throw new InvalidParameterException("Time", $"layer '{layer.Id}' declares Time, but its source type '{layer.Source.Type}' has no item dates (use stac-search, or list Source:Files with a Datetime each)");
        var entry = _entries.AddOrUpdate(layer.Id,
            _ => new Entry(timed, new TimeDimension(layer.Id, options, timed.Times), clock.GetUtcNow()),
            (_, old) => ReferenceEquals(old.Source, timed) ? old : new Entry(timed, new TimeDimension(layer.Id, options, timed.Times), clock.GetUtcNow()));
        if (options.RefreshSeconds > 0 && clock.GetUtcNow() - entry.Opened >= TimeSpan.FromSeconds(options.RefreshSeconds))
            StartRefresh(layer, entry);
        return entry.Dimension;
    }

    /// <summary>
    /// The source to read for a REST request's <c>time</c> and what the tile-cache key adds for it ("" for a layer
    /// without <c>Time</c>); an absent time is the default's. Errors are <see cref="InvalidParameterException"/> (400).
    /// </summary>
    public (IRasterSource Source, string CacheParameters) ForRequest(LayerDefinition layer, IRasterSource source, string? time)
    {
        if (For(layer, source) is not { } dimension)
            return (source, "");
        var selection = dimension.Select(time, Now)
            ?? throw new InvalidParameterException("time", $"layer '{layer.Id}' has no default time: give time (values: {dimension.Describe()})");
        return (Read(layer, source, selection), $"time={selection.Key}@{dimension.Version}");
    }

    /// <summary>The source to read for a selection of the layer's dimension.</summary>
    public static IRasterSource Read(LayerDefinition layer, IRasterSource source, TimeSelection selection) =>
        ((ITimedSource)source).During(selection.Ranges)
        ?? throw new InvalidParameterException("time", $"layer '{layer.Id}' has no item at time {selection.Key}");

    private void StartRefresh(LayerDefinition layer, Entry entry)
    {
        if (Interlocked.Exchange(ref entry.Refreshing, 1) == 1)
            return;
        _ = RefreshAsync(layer, entry);
    }

    // Not tied to a request: the reopened source serves every later one.
    private async Task RefreshAsync(LayerDefinition layer, Entry entry)
    {
        try
        {
            var fresh = await entry.Source.ReopenAsync(CancellationToken.None);
            var dimension = new TimeDimension(layer.Id, layer.Time!, fresh.Times);
            _entries[layer.Id] = new Entry(fresh, dimension, clock.GetUtcNow());
            registry.Replace(layer, fresh);
            if (dimension.Version != entry.Dimension.Version)
            {
                logger.LogInformation("layer {Layer}: the refreshed search has {Count} time values", layer.Id, dimension.Steps.Count);
                Changed?.Invoke();
            }
        }
        catch (Exception e)
        {
            // The layer keeps its last result; the next request after the interval tries again.
            logger.LogWarning(e, "layer {Layer}: refreshing its search failed: {Reason}", layer.Id, e.Message);
            _entries.TryUpdate(layer.Id, entry with { Opened = clock.GetUtcNow(), Refreshing = 0 }, entry);
        }
    }

    private sealed record Entry(ITimedSource Source, TimeDimension Dimension, DateTimeOffset Opened)
    {
        public int Refreshing;
    }
}
