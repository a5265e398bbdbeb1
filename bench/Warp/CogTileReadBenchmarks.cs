using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;

namespace OgcTiler.Bench.Warp;

/// <summary>
/// The default tile read: 103 tiles of the load benchmark's list (every 8th, as PngTileBenchmarks) read from B04 of
/// <c>make-s2.sh</c> (uint16, nodata 0, 512² DEFLATE blocks, overviews) to 256×256 WebMercatorQuad with nearest, every
/// block decoded and cached at set-up, so the figure is the warp (planning, transforms, block rows to float32,
/// validity, resampling). Needs <c>BENCH_COG</c> and <c>BENCH_TILES</c> (bench/load/run.sh's).
/// Run: <c>BENCH_COG=… BENCH_TILES=… dotnet run -c Release --project bench -- --filter '*CogTileRead*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CogTileReadBenchmarks
{
    private readonly int[] _bands = [1];
    private RasterOpener _opener = null!;
    private IRasterDataset _dataset = null!;
    private List<TargetGrid> _grids = [];

    [GlobalSetup]
    public void Setup()
    {
        var cog = Environment.GetEnvironmentVariable("BENCH_COG") ?? throw new InvalidOperationException("set BENCH_COG to B04.tif");
        var tiles = Environment.GetEnvironmentVariable("BENCH_TILES") ?? throw new InvalidOperationException("set BENCH_TILES to tiles.txt");
        _opener = new RasterOpener(new HttpClient(), 1024);
        _dataset = _opener.OpenAsync(cog, default).GetAwaiter().GetResult();
        _grids = [.. TileSweep.Grids(tiles).Where((_, i) => i % 8 == 0)];
        ReadTiles();
    }

    [Benchmark(OperationsPerInvoke = 103)]
    public void ReadTiles()
    {
        foreach (var grid in _grids)
            _dataset.ReadAsync(grid, _bands, ReadOptions.Default, default).GetAwaiter().GetResult().Dispose();
    }

    [GlobalCleanup]
    public void Cleanup() => _opener.Dispose();
}
