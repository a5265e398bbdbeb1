using System.Diagnostics.Metrics;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;
using OgcTiler.Raster.Io;

namespace OgcTiler.Bench;

/// <summary>
/// Block-cache hit ratio over the load benchmark's tile list at several cache sizes: the list is read round robin by
/// two cursors 211 tiles apart (as <c>bench/load/tiles.lua</c> with <c>wrk -t2</c>), after one warm-up pass.
/// Run: <c>dotnet run -c Release --project bench -- cache-sweep COG TILES_TXT 128 256 512</c>.
/// </summary>
internal static class CacheSweep
{
    public static async Task RunAsync(string cog, string tileList, IEnumerable<int> sizesMb)
    {
        var grids = TileSweep.Grids(tileList);
        long hits = 0, misses = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RasterMetrics.MeterName && instrument.Name == "ogctiler.block_cache.lookups")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags[0].Value as string == "hit")
                hits += value;
            else
                misses += value;
        });
        listener.Start();
        foreach (var size in sizesMb)
        {
            using var opener = new RasterOpener(new HttpClient(), size);
            var dataset = await opener.OpenAsync(cog, default);
            int[] bands = [1];
            foreach (var grid in grids)
                (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose();
            (hits, misses) = (0, 0);
            for (var i = 0; i < 2 * grids.Count; i++)
            {
                var grid = grids[(i / 2 + (i % 2) * 211) % grids.Count];
                (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose();
            }
            Console.WriteLine($"{size} MB: {hits} hits, {misses} misses, hit ratio {100.0 * hits / (hits + misses):F1}% over {2 * grids.Count} tiles");
        }
    }
}
