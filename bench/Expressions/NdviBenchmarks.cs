using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Plugins.Expressions;

namespace OgcTiler.Bench.Expressions;

/// <summary>
/// NDVI over a 512×512 float32 block: the compiled expression (allocation of the pooled output included) against a
/// hand-written scalar loop doing the same work (value and non-finite mask).
/// Run: dotnet run -c Release --project bench -- --filter '*NdviBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class NdviBenchmarks
{
    private const int Size = 512;
    private RasterData _input = null!;
    private ICompiledExpression _ndvi = null!;
    private float[] _output = null!;
    private byte[] _mask = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = RasterData.Create(Size, Size, ["b3", "b4"]);
        var random = new Random(7);
        for (var i = 0; i < _input.PixelCount; i++)
        {
            _input.Band(0)[i] = random.Next(0, 4000);
            _input.Band(1)[i] = random.Next(0, 6000);
        }
        _input.Mask.Fill(255);
        _ndvi = new ExpressionCompiler().Compile("(b4-b3)/(b4+b3)", RasterDataType.Float32);
        _output = new float[_input.PixelCount];
        _mask = new byte[_input.PixelCount];
    }

    [GlobalCleanup]
    public void Cleanup() => _input.Dispose();

    [Benchmark(Baseline = true)]
    public void ScalarLoop()
    {
        ReadOnlySpan<float> red = _input.Band(0), nir = _input.Band(1);
        ReadOnlySpan<byte> valid = _input.Mask;
        for (var i = 0; i < red.Length; i++)
        {
            var value = (nir[i] - red[i]) / (nir[i] + red[i]);
            _output[i] = value;
            _mask[i] = float.IsFinite(value) ? valid[i] : (byte)0;
        }
    }

    [Benchmark]
    public void CompiledExpression()
    {
        using var result = _ndvi.Evaluate(_input);
    }
}
