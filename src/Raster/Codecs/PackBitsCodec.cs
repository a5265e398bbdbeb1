namespace OgcTiler.Raster.Codecs;

/// <summary>PackBits (TIFF compression 32773): byte-oriented run-length encoding.</summary>
internal sealed class PackBitsCodec : ICodec
{
    public string Name => "PackBits";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        var src = source.Span;
        int i = 0, o = 0;
        while (i < src.Length && o < destination.Length)
        {
            var n = (sbyte)src[i++];
            if (n >= 0)
            {
                var count = Math.Min(Math.Min(n + 1, src.Length - i), destination.Length - o);
                src.Slice(i, count).CopyTo(destination[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128 && i < src.Length)
            {
                var count = Math.Min(1 - n, destination.Length - o);
                destination.Slice(o, count).Fill(src[i++]);
                o += count;
            }
        }
        return o;
    }
}
