using BenchmarkDotNet.Attributes;
using OgcTiler.Raster.Codecs;

namespace OgcTiler.Bench.Codecs;

/// <summary>Decoding one 512×512 uint16 block with predictor 2: decompress (DEFLATE through libdeflate when installed), then undo the predictor.</summary>
[MemoryDiagnoser]
public class BlockDecodeBenchmarks
{
    private readonly byte[] _output = new byte[BlockSamples.Size * BlockSamples.Size * 2];
    private readonly BlockFormat _format = new(BlockSamples.Size, BlockSamples.Size, 1, 1, null);
    private readonly DeflateCodec _deflate = new();
    private readonly ZstdCodec _zstd = new();
    private readonly LzwCodec _lzw = new();
    private byte[] _deflated = [];
    private byte[] _zstd6 = [];
    private byte[] _lzwData = [];

    [GlobalSetup]
    public void Setup()
    {
        var raw = BlockSamples.PredictedRaw();
        _deflated = BlockSamples.Deflate(raw);
        _zstd6 = BlockSamples.Zstd(raw, 6);
        _lzwData = LzwEncoder.Encode(raw);
        Check(_deflate, _deflated, raw);
        Check(_zstd, _zstd6, raw);
        Check(_lzw, _lzwData, raw);
    }

    [Benchmark(Baseline = true)]
    public void Deflate() => Decode(_deflate, _deflated);

    /// <summary>The runtime's zlib-ng, used when libdeflate is not installed.</summary>
    [Benchmark]
    public void DeflateZlib()
    {
        ZlibInflater.TryInflate(_deflated, _output);
        Predictors.UndoHorizontal(_output, BlockSamples.Size, BlockSamples.Size, 1, 2);
    }

    [Benchmark]
    public void Zstd() => Decode(_zstd, _zstd6);

    [Benchmark]
    public void Lzw() => Decode(_lzw, _lzwData);

    [Benchmark]
    public void PredictorOnly() =>
        Predictors.UndoHorizontal(_output, BlockSamples.Size, BlockSamples.Size, 1, 2);

    private void Decode(ICodec codec, byte[] data)
    {
        codec.Decode(data, _output, _format);
        Predictors.UndoHorizontal(_output, BlockSamples.Size, BlockSamples.Size, 1, 2);
    }

    private void Check(ICodec codec, byte[] data, byte[] raw)
    {
        if (codec.Decode(data, _output, _format) != raw.Length || !_output.AsSpan().SequenceEqual(raw))
            throw new InvalidOperationException($"{codec.Name} round trip failed");
    }
}
