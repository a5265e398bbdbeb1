namespace OgcTiler.Raster.Codecs;

/// <summary>
/// TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, Clear = 256, EndOfInformation = 257, and the code width
/// growing one code early (TIFF 6.0 section 13). Every table entry's string already sits in the output (the previous
/// code's string plus the next byte), so entries are kept as (offset, length) and decoding copies earlier output.
/// </summary>
internal sealed class LzwCodec : ICodec
{
    private const int Clear = 256;
    private const int EndOfInformation = 257;
    private const int TableSize = 4096;

    public string Name => "LZW";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        var src = source.Span;
        if (src.Length >= 2 && src[0] == 0 && (src[1] & 1) != 0)
            throw new InvalidDataException("old-style (LSB-first) LZW is not supported");
        Span<int> offsets = stackalloc int[TableSize];
        Span<int> lengths = stackalloc int[TableSize];
        int bitPos = 0, width = 9, next = 258, old = -1, o = 0;
        var totalBits = (long)src.Length * 8;
        while (o < destination.Length && bitPos + width <= totalBits)
        {
            var code = ReadCode(src, bitPos, width);
            bitPos += width;
            if (code == EndOfInformation)
                break;
            if (code == Clear)
            {
                (width, next, old) = (9, 258, -1);
                continue;
            }
            if (old < 0 || code < 256)
            {
                if (code > 255)
                    throw new InvalidDataException($"LZW code {code} after a Clear code");
                AddEntry(offsets, lengths, ref next, ref width, old, o);
                offsets[code] = o;
                lengths[code] = 1;
                destination[o++] = (byte)code;
                old = code;
                continue;
            }
            if (code > next)
                throw new InvalidDataException($"LZW code {code} is beyond the table ({next} entries)");
            var start = o;
            if (code == next)
            {
                // The string being defined: the previous string plus its own first byte.
                var length = Math.Min(lengths[old], destination.Length - o);
                destination.Slice(offsets[old], length).CopyTo(destination[o..]);
                o += length;
                if (o < destination.Length)
                    destination[o++] = destination[offsets[old]];
            }
            else
            {
                var length = Math.Min(lengths[code], destination.Length - o);
                destination.Slice(offsets[code], length).CopyTo(destination[o..]);
                o += length;
            }
            AddEntry(offsets, lengths, ref next, ref width, old, start);
            old = code;
        }
        return o;
    }

    /// <summary>New entry: the previous code's string (which ends right before <paramref name="current"/>) plus one byte.</summary>
    private static void AddEntry(Span<int> offsets, Span<int> lengths, ref int next, ref int width, int old, int current)
    {
        if (old < 0 || next >= TableSize)
            return;
        offsets[next] = current - lengths[old];
        lengths[next] = lengths[old] + 1;
        next++;
        if (next + 1 >= 1 << width && width < 12)
            width++;
    }

    private static int ReadCode(ReadOnlySpan<byte> src, int bitPos, int width)
    {
        var byteIndex = bitPos >> 3;
        var bits = (uint)src[byteIndex] << 16;
        if (byteIndex + 1 < src.Length)
            bits |= (uint)src[byteIndex + 1] << 8;
        if (byteIndex + 2 < src.Length)
            bits |= src[byteIndex + 2];
        return (int)(bits >> (24 - width - (bitPos & 7))) & ((1 << width) - 1);
    }
}
