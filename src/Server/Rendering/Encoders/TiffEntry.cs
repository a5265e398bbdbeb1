using System.Buffers.Binary;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>One IFD entry of a little-endian classic TIFF, with its value bytes.</summary>
internal sealed record TiffEntry(ushort Tag, ushort Type, uint Count, byte[] Value)
{
    public static TiffEntry Of(ushort tag, ushort type, uint value) =>
        type == 3 ? Shorts(tag, [(ushort)value]) : Longs(tag, [value]);

    public static TiffEntry Shorts(ushort tag, ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return new TiffEntry(tag, 3, (uint)values.Length, bytes);
    }

    public static TiffEntry Longs(ushort tag, uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return new TiffEntry(tag, 4, (uint)values.Length, bytes);
    }

    public static TiffEntry Doubles(ushort tag, double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return new TiffEntry(tag, 12, (uint)values.Length, bytes);
    }

    /// <summary>Writes the IFD (sorted by tag) at the end of <paramref name="output"/> and points the header at it.</summary>
    public static void WriteDirectory(MemoryStream output, List<TiffEntry> entries)
    {
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        if (output.Position % 2 == 1)
            output.WriteByte(0);
        var ifd = (uint)output.Position;
        var extra = ifd + 2 + (uint)entries.Count * 12 + 4;
        var directory = new byte[2 + entries.Count * 12 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(directory, (ushort)entries.Count);
        var overflow = new MemoryStream();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var slot = directory.AsSpan(2 + i * 12, 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], e.Count);
            if (e.Value.Length <= 4)
            {
                e.Value.CopyTo(slot[8..]);
                continue;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], extra + (uint)overflow.Position);
            overflow.Write(e.Value);
            if (overflow.Position % 2 == 1)
                overflow.WriteByte(0);
        }
        output.Write(directory);
        overflow.WriteTo(output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetBuffer().AsSpan(4), ifd);
    }
}
