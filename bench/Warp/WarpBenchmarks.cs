using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Tests.Warp;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Bench.Warp;

/// <summary>
/// One 256×256 WebMercatorQuad tile warped from a UTM source whose blocks are already in memory (decoding excluded):
/// a Sentinel-2-like uint16 band in EPSG:32631 at 10 m, 2048² with 512² blocks and two overviews.
/// Run: dotnet run -c Release --project bench -- --filter '*WarpBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class WarpBenchmarks
{
    private const int Size = 2048;
    private readonly CrsRegistry _crs = CrsRegistry.Default;
    private InMemoryBlockedRaster _raster = null!;
    private TargetGrid _z14 = null!;
    private TargetGrid _z12 = null!;
    private readonly ReadOptions _nearest = ReadOptions.Default;
    private readonly ReadOptions _bilinear = new(ResamplingMethod.Bilinear, ResamplingMethod.Bilinear);

    [GlobalSetup]
    public void Setup()
    {
        var origin = (X: 440000.0, Y: 5420000.0);
        var levels = new List<InMemoryLevel>();
        for (int size = Size, factor = 1; factor <= 4; size /= 2, factor *= 2)
        {
            var samples = new float[size * size];
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                    samples[y * size + x] = (float)(1000 + 500 * Math.Sin(x * factor / 37.0) * Math.Cos(y * factor / 53.0) + (x * factor + y * factor) % 97);
            }
            var transform = new GeoTransform(origin.X, 10.0 * factor, 0, origin.Y, 0, -10.0 * factor);
            levels.Add(new InMemoryLevel(new RasterLevel(size, size, 512, 512, transform), samples));
        }
        var utm = _crs.Resolve("EPSG:32631");
        _raster = new InMemoryBlockedRaster("bench", utm, 1, 0, levels) { RecordReads = false };
        var (lon, lat) = _crs.CreateTransform(utm, _crs.Resolve("EPSG:4326")).Transform(origin.X + Size * 5, origin.Y - Size * 5);
        _z14 = WebMercatorTile(lon, lat, 14);
        _z12 = WebMercatorTile(lon, lat, 12);
        // Warm the in-memory block cache and the JIT.
        foreach (var grid in new[] { _z14, _z12 })
        {
            Warper.ReadAsync(_raster, grid, [1], _nearest, _crs, CancellationToken.None).GetAwaiter().GetResult().Dispose();
            Warper.ReadAsync(_raster, grid, [1], _bilinear, _crs, CancellationToken.None).GetAwaiter().GetResult().Dispose();
        }
    }

    [Benchmark(Description = "z14 nearest (level 0)")]
    public void Z14Nearest() => Warper.ReadAsync(_raster, _z14, [1], _nearest, _crs, CancellationToken.None).GetAwaiter().GetResult().Dispose();

    [Benchmark(Description = "z12 nearest (overview)")]
    public void Z12Nearest() => Warper.ReadAsync(_raster, _z12, [1], _nearest, _crs, CancellationToken.None).GetAwaiter().GetResult().Dispose();

    [Benchmark(Description = "z14 bilinear (level 0)")]
    public void Z14Bilinear() => Warper.ReadAsync(_raster, _z14, [1], _bilinear, _crs, CancellationToken.None).GetAwaiter().GetResult().Dispose();

    private static TargetGrid WebMercatorTile(double lon, double lat, int zoom)
    {
        const double half = 20037508.342789244;
        var n = 1 << zoom;
        var x = (int)((lon + 180) / 360 * n);
        var phi = lat * Math.PI / 180;
        var y = (int)((1 - Math.Log(Math.Tan(phi) + 1 / Math.Cos(phi)) / Math.PI) / 2 * n);
        var span = 2 * half / n;
        return new TargetGrid("EPSG:3857", -half + x * span, half - (y + 1) * span, -half + (x + 1) * span, half - y * span, 256, 256);
    }
}
