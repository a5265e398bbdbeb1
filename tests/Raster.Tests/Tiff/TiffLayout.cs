using System.Buffers.Binary;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// Where the structure of a TIFF or BigTIFF file lies (IFDs, their entries, next-IFD pointers), so a test can change
/// one field of it. Classic and BigTIFF, either byte order.
/// </summary>
internal sealed class TiffLayout
{
    public sealed record Entry(long Position, int Tag, int Type, long Count, long ValuePosition, long Value);

    public sealed record Ifd(long Position, int EntryCountSize, IReadOnlyList<Entry> Entries, long NextPointerPosition);

    private TiffLayout(bool bigEndian, bool bigTiff, IReadOnlyList<Ifd> ifds)
    {
        BigEndian = bigEndian;
        BigTiff = bigTiff;
        Ifds = ifds;
    }

    public bool BigEndian { get; }

    public bool BigTiff { get; }

    public IReadOnlyList<Ifd> Ifds { get; }

    /// <summary>Size of an offset, a count and the inline value field: 4 bytes in TIFF, 8 in BigTIFF.</summary>
    public int WordSize => BigTiff ? 8 : 4;

    public static TiffLayout Read(byte[] file)
    {
        var bigEndian = file[0] == (byte)'M';
        var bigTiff = Read16(file, 2, bigEndian) == 43;
        var layout = new TiffLayout(bigEndian, bigTiff, []);
        var ifds = new List<Ifd>();
        var seen = new HashSet<long>();
        for (var position = layout.ReadWord(file, bigTiff ? 8 : 4); position != 0 && seen.Add(position); )
        {
            var ifd = layout.ReadIfd(file, position);
            ifds.Add(ifd);
            position = layout.ReadWord(file, ifd.NextPointerPosition);
        }
        return new TiffLayout(bigEndian, bigTiff, ifds);
    }

    /// <summary>Size in bytes of one value of a TIFF field type (0 for unknown types).</summary>
    public static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };

    /// <summary>Position of a field's values: inline in the entry when they fit, else where its offset points.</summary>
    public long ValuesPosition(Entry entry) =>
        entry.Count * TypeSize(entry.Type) <= WordSize ? entry.ValuePosition : entry.Value;

    public long ReadWord(byte[] file, long position) => BigTiff ? (long)Read64(file, position, BigEndian) : Read32(file, position, BigEndian);

    public void WriteWord(byte[] file, long position, ulong value)
    {
        if (BigTiff)
            Write(file, position, 8, value);
        else
            Write(file, position, 4, (uint)value);
    }

    /// <summary>Writes the low <paramref name="size"/> bytes of <paramref name="value"/> in the file's byte order.</summary>
    public void Write(byte[] file, long position, int size, ulong value)
    {
        if (position < 0 || position + size > file.Length)
            return;
        var span = file.AsSpan((int)position, size);
        for (var i = 0; i < size; i++)
            span[BigEndian ? size - 1 - i : i] = (byte)(value >> (8 * i));
    }

    private Ifd ReadIfd(byte[] file, long position)
    {
        var countSize = BigTiff ? 8 : 2;
        var count = BigTiff ? (long)Read64(file, position, BigEndian) : Read16(file, position, BigEndian);
        var entrySize = BigTiff ? 20 : 12;
        var entries = new List<Entry>();
        for (var i = 0; i < count; i++)
        {
            var at = position + countSize + i * entrySize;
            var valueAt = at + 4 + WordSize;
            entries.Add(new Entry(at, Read16(file, at, BigEndian), Read16(file, at + 2, BigEndian), ReadWord(file, at + 4), valueAt, ReadWord(file, valueAt)));
        }
        return new Ifd(position, countSize, entries, position + countSize + count * entrySize);
    }

    private static int Read16(byte[] file, long at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan((int)at)) : BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)at));

    private static long Read32(byte[] file, long at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)at));

    private static ulong Read64(byte[] file, long at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)at)) : BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)at));
}
