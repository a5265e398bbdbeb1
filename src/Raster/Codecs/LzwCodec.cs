namespace OgcTiler.Raster.Codecs;

/// <summary>
/// TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, Clear = 256, EndOfInformation = 257, and the code width
/// growing one code early (TIFF 6.0 section 13).
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
        Span<short> prefix = stackalloc short[TableSize];
        Span<byte> suffix = stackalloc byte[TableSize];
        Span<byte> first = stackalloc byte[TableSize];
        Span<short> length = stackalloc short[TableSize];
        for (var c = 0; c < 256; c++)
        {
            suffix[c] = first[c] = (byte)c;
            length[c] = 1;
        }
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
                width = 9;
                next = 258;
                old = -1;
                continue;
            }
            if (old < 0)
            {
                if (code > 255)
                    throw new InvalidDataException($"LZW code {code} after a Clear code");
                destination[o++] = (byte)code;
                old = code;
                continue;
            }
            if (code > next)
                throw new InvalidDataException($"LZW code {code} is beyond the table ({next} entries)");
            var firstByte = code < next ? first[code] : first[old];
            if (next < TableSize)
            {
                prefix[next] = (short)old;
                suffix[next] = firstByte;
                first[next] = first[old];
                length[next] = (short)(length[old] + 1);
                next++;
                if (next + 1 >= 1 << width && width < 12)
                    width++;
            }
            o += WriteString(code, prefix, suffix, length, destination[o..]);
            old = code;
        }
        return o;
    }

    private static int ReadCode(ReadOnlySpan<byte> src, int bitPos, int width)
    {
        var byteIndex = bitPos >> 3;
        uint bits = (uint)src[byteIndex] << 16;
        if (byteIndex + 1 < src.Length)
            bits |= (uint)src[byteIndex + 1] << 8;
        if (byteIndex + 2 < src.Length)
            bits |= src[byteIndex + 2];
        return (int)(bits >> (24 - width - (bitPos & 7))) & ((1 << width) - 1);
    }

    /// <summary>Writes the string of <paramref name="code"/> back to front, cut at the end of the output.</summary>
    private static int WriteString(int code, ReadOnlySpan<short> prefix, ReadOnlySpan<byte> suffix, ReadOnlySpan<short> length, Span<byte> output)
    {
        var n = length[code];
        var c = code;
        for (var i = n - 1; i >= 0; i--)
        {
            if (i < output.Length)
                output[i] = suffix[c];
            c = prefix[c];
        }
        return Math.Min(n, output.Length);
    }
}
