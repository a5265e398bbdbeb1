using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;

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
        using var lookups = new LookupCounter("ogctiler.block_cache.lookups");
        foreach (var size in sizesMb)
        {
            using var opener = new RasterOpener(new HttpClient(), size);
            var dataset = await opener.OpenAsync(cog, default);
            int[] bands = [1];
            foreach (var grid in grids)
                (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose();
            lookups.Reset();
            for (var i = 0; i < 2 * grids.Count; i++)
            {
                var grid = grids[(i / 2 + (i % 2) * 211) % grids.Count];
                (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose();
            }
            Console.WriteLine($"{size} MB: {lookups.Hits} hits, {lookups.Misses} misses, hit ratio {100.0 * lookups.Hits / (lookups.Hits + lookups.Misses):F1}% over {2 * grids.Count} tiles");
        }
    }
}
