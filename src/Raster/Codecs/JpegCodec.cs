using System.Buffers;

namespace OgcTiler.Raster.Codecs;

/// <summary>
/// JPEG (TIFF compression 7). Blocks are abbreviated JPEG streams whose quantisation and Huffman tables sit in the
/// JPEGTables tag: the tables (minus their EOI) are spliced in front of the block (minus its SOI) to form a full JPEG.
/// YCbCr data comes out as RGB, converted by the decoder as libjpeg does.
/// </summary>
internal sealed class JpegCodec : ICodec
{
    public string Name => "JPEG";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        var block = source.Span;
        var tables = format.JpegTables;
        if (tables is not { Length: > 4 } || block.Length < 2)
            return DecodeImage(source, destination, format);
        var length = tables.Length - 2 + block.Length - 2;
        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            tables.AsSpan(0, tables.Length - 2).CopyTo(joined);
            block[2..].CopyTo(joined.AsSpan(tables.Length - 2));
            return DecodeImage(joined.AsMemory(0, length), destination, format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    private int DecodeImage(ReadOnlyMemory<byte> image, Span<byte> destination, in BlockFormat format) =>
        format.Samples is 1 or 3
            ? SkiaImageCodec.Decode(image.Span, destination, format, Name)
            : JpegComponents.Decode(image, destination, format, Name);
}
