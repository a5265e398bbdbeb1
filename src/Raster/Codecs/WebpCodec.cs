namespace OgcTiler.Raster.Codecs;

/// <summary>WEBP (TIFF compression 50001, as GDAL writes it): 3 or 4 samples of 8 bits.</summary>
internal sealed class WebpCodec : ICodec
{
    public string Name => "WEBP";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format) =>
        SkiaImageCodec.Decode(source.Span, destination, format, Name);
}
