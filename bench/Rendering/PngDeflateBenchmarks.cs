using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Bench.Rendering;

/// <summary>
/// The DEFLATE stage of a PNG tile: the Up-filtered rows of 103 tiles of the load benchmark (every 8th of the list,
/// B04 stretched 0..6000 as the load run renders them) compressed by libdeflate or the runtime's zlib. The mean
/// compressed size is printed at set-up. Needs <c>BENCH_COG</c> and <c>BENCH_TILES</c> (bench/load/run.sh's B04.tif
/// and tiles.txt). Run: <c>BENCH_COG=… BENCH_TILES=… dotnet run -c Release --project bench -- --filter '*PngDeflate*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PngDeflateBenchmarks
{
    private readonly MemoryStream _output = new();
    private List<byte[]> _filtered = [];

    [Params(1, 2, 3, 6)]
    public int Level { get; set; }

    [Params(false, true)]
    public bool Libdeflate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Libdeflate && !ZlibDeflate.UsesLibdeflate)
            throw new InvalidOperationException("libdeflate.so.0 is not installed");
        _filtered = RenderAsync().GetAwaiter().GetResult();
        long total = 0;
        foreach (var rows in _filtered)
        {
            _output.SetLength(0);
            Compress(rows);
            total += _output.Length;
        }
        Console.WriteLine($"// {(Libdeflate ? "libdeflate" : "zlib")} level {Level}: mean {total / (double)_filtered.Count:F0} B over {_filtered.Count} tiles");
    }

    [Benchmark(OperationsPerInvoke = 103)]
    public void CompressTiles()
    {
        foreach (var rows in _filtered)
        {
            _output.SetLength(0);
            Compress(rows);
        }
    }

    private void Compress(byte[] rows)
    {
        if (Libdeflate)
            ZlibDeflate.Compress(rows, Level, _output);
        else
            ZlibDeflate.CompressWithZlib(rows, Level, _output);
    }

    /// <summary>
    /// Thread CPU time and mean size per tile for each library and level, less disturbed by other load than wall
    /// clock. Run: <c>dotnet run -c Release --project bench -- deflate-sweep</c> (with BENCH_COG and BENCH_TILES).
    /// </summary>
    public static void Sweep()
    {
        var tiles = RenderAsync().GetAwaiter().GetResult();
        var output = new MemoryStream();
        Console.WriteLine($"{tiles.Count} tiles; library level: mean bytes, CPU ms per tile (median of 5 rounds)");
        foreach (var level in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })
        {
            foreach (var libdeflate in new[] { false, true })
            {
                long bytes = 0;
                var rounds = new List<double>();
                for (var round = 0; round < 6; round++)
                {
                    var start = ThreadCpu.Now();
                    foreach (var rows in tiles)
                    {
                        output.SetLength(0);
                        if (libdeflate)
                            ZlibDeflate.Compress(rows, level, output);
                        else
                            ZlibDeflate.CompressWithZlib(rows, level, output);
                        bytes += round == 0 ? output.Length : 0;
                    }
                    if (round > 0)
                        rounds.Add((ThreadCpu.Now() - start) / 1e6 / tiles.Count);
                }
                rounds.Sort();
                Console.WriteLine($"{(libdeflate ? "libdeflate" : "zlib"),-10} {level}: {bytes / (double)tiles.Count,7:F0} B, {rounds[2]:F3} ms");
            }
        }
    }

    private static async Task<List<byte[]>> RenderAsync()
    {
        var cog = Environment.GetEnvironmentVariable("BENCH_COG") ?? throw new InvalidOperationException("set BENCH_COG to B04.tif");
        var tiles = Environment.GetEnvironmentVariable("BENCH_TILES") ?? throw new InvalidOperationException("set BENCH_TILES to tiles.txt");
        using var opener = new RasterOpener(new HttpClient(), 256);
        var dataset = await opener.OpenAsync(cog, default);
        var options = new RenderOptions { Bidx = [1], Rescale = [new ValueRange(0, 6000)] };
        var result = new List<byte[]>();
        foreach (var grid in TileSweep.Grids(tiles).Where((_, i) => i % 8 == 0))
        {
            using var data = await dataset.ReadAsync(grid, [1], ReadOptions.Default, default);
            using var image = ImageComposer.Compose(data, options, null, null, dataset.Info.DataType, null);
            result.Add(Filter(image));
        }
        return result;
    }

    private static byte[] Filter(PixelImage image)
    {
        var stride = image.Stride;
        var filtered = new byte[(stride + 1) * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            var previous = y == 0 ? ReadOnlySpan<byte>.Empty : image.Pixels.Slice((y - 1) * stride, stride);
            PngFilters.Apply(PngFilter.Up, image.Pixels.Slice(y * stride, stride), previous, image.PixelSize, filtered.AsSpan(y * (stride + 1), stride + 1));
        }
        return filtered;
    }
}
