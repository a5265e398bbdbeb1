using System.Diagnostics.Metrics;
using OgcTiler.Raster.Io;

namespace OgcTiler.Bench;

/// <summary>The hits and misses one of the engine's cache-lookup counters reports while it listens.</summary>
internal sealed class LookupCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _hits, _misses;

    /// <param name="instrument">The counter's name, e.g. <c>ogctiler.block_cache.lookups</c>.</param>
    public LookupCounter(string instrument)
    {
        _listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Name == RasterMetrics.MeterName && published.Name == instrument)
                l.EnableMeasurementEvents(published);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags[0].Value as string == "hit")
                Interlocked.Add(ref _hits, value);
            else
                Interlocked.Add(ref _misses, value);
        });
        _listener.Start();
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public void Reset()
    {
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }

    public void Dispose() => _listener.Dispose();
}
