using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Bench;

/// <summary>
/// Where a warm tile's CPU time and managed allocations go (thread CPU time, so other load on the machine does not
/// count): read (warp, blocks cached), compose (rescale + mask), PNG encode, over the load benchmark's tile list. Run: <c>dotnet run -c Release --project bench -- tile-sweep COG TILES_TXT</c>.
/// </summary>
internal static class TileSweep
{
    /// <summary>The 256×256 EPSG:3857 grids of the tiles of a tiles.py list (z x y … per line).</summary>
    public static List<TargetGrid> Grids(string tileList)
    {
        const double half = 20037508.342789244;
        return File.ReadLines(tileList).Select(l => l.Split(' ')).Select(p =>
        {
            int z = int.Parse(p[0]), x = int.Parse(p[1]), y = int.Parse(p[2]);
            var size = 2 * half / (1 << z);
            return new TargetGrid("EPSG:3857", -half + x * size, half - (y + 1) * size, -half + (x + 1) * size, half - y * size, 256, 256);
        }).ToList();
    }

    public static async Task RunAsync(string cog, string tileList)
    {
        var grids = Grids(tileList);
        using var opener = new RasterOpener(new HttpClient(), 1024);
        var dataset = await opener.OpenAsync(cog, default);
        var options = new RenderOptions { Bidx = [1], Rescale = [new ValueRange(0, 6000)] };
        var encoder = new PngEncoder(new PngOptions(PngFilter.Up, 2));
        int[] bands = [1];
        foreach (var grid in grids)
            (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose(); // decode every block once
        double readMs = 0, composeMs = 0, encodeMs = 0;
        long readBytes = 0, composeBytes = 0, encodeBytes = 0;
        const int rounds = 3;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var grid in grids)
            {
                var (t0, a0) = (ThreadCpu.Now(), GC.GetAllocatedBytesForCurrentThread());
                using var data = await dataset.ReadAsync(grid, bands, ReadOptions.Default, default);
                var (t1, a1) = (ThreadCpu.Now(), GC.GetAllocatedBytesForCurrentThread());
                using var image = ImageComposer.Compose(data, options, null, null, dataset.Info.DataType, null);
                var (t2, a2) = (ThreadCpu.Now(), GC.GetAllocatedBytesForCurrentThread());
                encoder.Encode(image);
                var (t3, a3) = (ThreadCpu.Now(), GC.GetAllocatedBytesForCurrentThread());
                readMs += (t1 - t0) / 1e6;
                composeMs += (t2 - t1) / 1e6;
                encodeMs += (t3 - t2) / 1e6;
                (readBytes, composeBytes, encodeBytes) = (readBytes + a1 - a0, composeBytes + a2 - a1, encodeBytes + a3 - a2);
            }
        }
        var n = rounds * grids.Count;
        Console.WriteLine($"{grids.Count} tiles x {rounds}: read {readMs / n:F3} ms, compose {composeMs / n:F3} ms, PNG {encodeMs / n:F3} ms per tile");
        Console.WriteLine($"allocated per tile: read {readBytes / n / 1024.0:F1} KB, compose {composeBytes / n / 1024.0:F1} KB, PNG {encodeBytes / n / 1024.0:F1} KB");
    }
}

/// <summary>CPU time of the calling thread in nanoseconds (Linux clock_gettime CLOCK_THREAD_CPUTIME_ID).</summary>
internal static partial class ThreadCpu
{
    public static long Now()
    {
        clock_gettime(3, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
