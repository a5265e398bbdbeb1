namespace OgcTiler.Bench.Codecs;

/// <summary>A plain TIFF LZW encoder (MSB-first, early change), only to make benchmark input.</summary>
internal static class LzwEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>();
        var table = new Dictionary<(int, byte), int>();
        int width = 9, next = 258, bitBuffer = 0, bitCount = 0;
        void Emit(int code)
        {
            bitBuffer = (bitBuffer << width) | code;
            bitCount += width;
            while (bitCount >= 8)
            {
                output.Add((byte)(bitBuffer >> (bitCount - 8)));
                bitCount -= 8;
            }
            bitBuffer &= (1 << bitCount) - 1;
        }
        Emit(256);
        var current = (int)input[0];
        for (var i = 1; i < input.Length; i++)
        {
            if (table.TryGetValue((current, input[i]), out var code))
            {
                current = code;
                continue;
            }
            Emit(current);
            table[(current, input[i])] = next++;
            if (next >= 1 << width && width < 12)
                width++;
            if (next == 4094)
            {
                Emit(256);
                table.Clear();
                next = 258;
                width = 9;
            }
            current = input[i];
        }
        Emit(current);
        Emit(257);
        if (bitCount > 0)
            output.Add((byte)(bitBuffer << (8 - bitCount)));
        return output.ToArray();
    }
}
