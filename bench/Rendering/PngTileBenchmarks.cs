using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Bench.Rendering;

/// <summary>
/// Compose and PNG-encode the 103 tiles of the load benchmark that PngDeflateBenchmarks uses (every 8th of the list,
/// B04 stretched 0..6000, the defaults Up + zlib 2), read once at set-up. <see cref="AlphaAlways"/> false lays the
/// tiles out as the OGC doors and /layers do (alpha only on tiles with a masked pixel), true as the TiTiler routes do
/// since they follow rio-tiler's render (the mask as alpha on every tile). Mean PNG size printed at set-up. Needs
/// <c>BENCH_COG</c> and <c>BENCH_TILES</c> (bench/load/run.sh's).
/// Run: <c>BENCH_COG=… BENCH_TILES=… dotnet run -c Release --project bench -- --filter '*PngTile*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PngTileBenchmarks
{
    private readonly PngEncoder _encoder = new(new PngOptions(PngFilter.Up, 2));
    private readonly RenderOptions _withMask = new() { Rescale = [new ValueRange(0, 6000)] };
    private readonly RenderOptions _withoutMask = new() { Rescale = [new ValueRange(0, 6000)], ReturnMask = false };
    private List<(RasterData Data, RenderOptions Options)> _tiles = [];

    [Params(false, true)]
    public bool AlphaAlways { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tiles = [.. ReadAsync().GetAwaiter().GetResult().Select(data =>
            (data, AlphaAlways || data.Mask.IndexOfAnyExcept((byte)255) >= 0 ? _withMask : _withoutMask))];
        long bytes = 0;
        foreach (var (data, options) in _tiles)
            bytes += Encode(data, options);
        Console.WriteLine($"// alpha always {AlphaAlways}: {_tiles.Count(t => !t.Options.ReturnMask)} tiles without alpha, mean PNG {bytes / (double)_tiles.Count:F0} B");
    }

    [Benchmark(OperationsPerInvoke = 103)]
    public long ComposeAndEncodeTiles()
    {
        long bytes = 0;
        foreach (var (data, options) in _tiles)
            bytes += Encode(data, options);
        return bytes;
    }

    [GlobalCleanup]
    public void Cleanup() => _tiles.ForEach(t => t.Data.Dispose());

    private int Encode(RasterData data, RenderOptions options)
    {
        using var image = ImageComposer.Compose(data, options, null, null, RasterDataType.UInt16, null);
        return _encoder.Encode(image).Length;
    }

    private static async Task<List<RasterData>> ReadAsync()
    {
        var cog = Environment.GetEnvironmentVariable("BENCH_COG") ?? throw new InvalidOperationException("set BENCH_COG to B04.tif");
        var tiles = Environment.GetEnvironmentVariable("BENCH_TILES") ?? throw new InvalidOperationException("set BENCH_TILES to tiles.txt");
        using var opener = new RasterOpener(new HttpClient(), 256);
        var dataset = await opener.OpenAsync(cog, default);
        var result = new List<RasterData>();
        foreach (var grid in TileSweep.Grids(tiles).Where((_, i) => i % 8 == 0))
            result.Add(await dataset.ReadAsync(grid, [1], ReadOptions.Default, default));
        return result;
    }
}
