using System.Buffers.Binary;
using System.Text;

namespace OgcTiler.Raster.Tiff;

/// <summary>One IFD entry with its raw value bytes (file byte order).</summary>
internal sealed class TiffField(ushort tag, ushort type, long count, byte[] raw, bool bigEndian)
{
    public ushort Tag { get; } = tag;

    public long Count { get; } = count;

    public byte[] Raw { get; } = raw;

    /// <summary>Byte size of one value of a TIFF field type; 0 for unknown types (such entries are skipped).</summary>
    public static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,          // BYTE, ASCII, SBYTE, UNDEFINED
        3 or 8 => 2,                    // SHORT, SSHORT
        4 or 9 or 11 or 13 => 4,        // LONG, SLONG, FLOAT, IFD
        5 or 10 or 12 or 16 or 17 or 18 => 8, // RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8, IFD8
        _ => 0,
    };

    /// <summary>The values as unsigned integers (integer types only).</summary>
    public ulong[] AsIntegers(string uri)
    {
        var values = new ulong[Count];
        var span = Raw.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = type switch
            {
                1 or 6 or 7 => span[i],
                3 or 8 => Read16(span[(i * 2)..]),
                4 or 9 or 13 => Read32(span[(i * 4)..]),
                16 or 17 or 18 => Read64(span[(i * 8)..]),
                _ => throw TiffErrors.Format(uri, $"tag {Tag} has type {type}, expected an integer type"),
            };
        }
        return values;
    }

    public ulong AsInteger(string uri) =>
        Count >= 1 ? AsIntegers(uri)[0] : throw TiffErrors.Format(uri, $"tag {Tag} has no value");

    /// <summary>The values as doubles (DOUBLE, FLOAT and RATIONAL types).</summary>
    public double[] AsDoubles(string uri)
    {
        var values = new double[Count];
        var span = Raw.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = type switch
            {
                12 => BitConverter.Int64BitsToDouble((long)Read64(span[(i * 8)..])),
                11 => BitConverter.Int32BitsToSingle((int)Read32(span[(i * 4)..])),
                5 => (double)Read32(span[(i * 8)..]) / Read32(span[(i * 8 + 4)..]),
                _ => throw TiffErrors.Format(uri, $"tag {Tag} has type {type}, expected DOUBLE"),
            };
        }
        return values;
    }

    /// <summary>ASCII value without the trailing NULs.</summary>
    public string AsString() => Encoding.Latin1.GetString(Raw).TrimEnd('\0');

    private ushort Read16(ReadOnlySpan<byte> s) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint Read32(ReadOnlySpan<byte> s) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ulong Read64(ReadOnlySpan<byte> s) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
}
