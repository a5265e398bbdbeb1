using System.Collections.Frozen;

namespace OgcTiler.Raster.Codecs;

/// <summary>The codec for each supported TIFF compression code.</summary>
internal static class CodecRegistry
{
    private static readonly FrozenDictionary<int, ICodec> Codecs = new Dictionary<int, ICodec>
    {
        [1] = new NoneCodec(),
        [5] = new LzwCodec(),
        [7] = new JpegCodec(),
        [8] = new DeflateCodec(),
        [32946] = new DeflateCodec(),
        [32773] = new PackBitsCodec(),
        [34887] = new LercCodec(),
        [50000] = new ZstdCodec(),
        [50001] = new WebpCodec(),
    }.ToFrozenDictionary();

    public static ICodec? Find(int compression) => Codecs.GetValueOrDefault(compression);

    /// <summary>True for codecs that return pixels (8-bit, interleaved) rather than the stored sample bytes.</summary>
    public static bool IsImageCodec(int compression) => compression is 7 or 50001;
}
