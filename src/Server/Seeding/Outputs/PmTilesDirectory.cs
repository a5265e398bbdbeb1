using System.Buffers.Binary;
using System.IO.Compression;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>A PMTiles 3 directory entry: a run of <see cref="RunLength"/> tiles from <see cref="TileId"/> with the same bytes, or (run 0) a leaf directory.</summary>
internal record struct PmTilesEntry(ulong TileId, ulong Offset, uint Length, uint RunLength);

/// <summary>The PMTiles 3 header fields a writer sets (the spec's 127-byte header, section offsets aside).</summary>
internal sealed record PmTilesHeader(
    ulong AddressedTiles, ulong TileEntries, ulong TileContents, byte TileType, int MinZoom, int MaxZoom,
    double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>
/// The arithmetic and byte layouts of the PMTiles 3 specification: tile ids along the Hilbert curves, directories
/// (delta, run, length and offset columns as varints, gzip-compressed), the split into a root and leaf directories when
/// the root would not fit in the first 16 KiB, and the header.
/// </summary>
internal static class PmTilesDirectory
{
    public const int HeaderLength = 127;
    public const int RootLimit = 16_384;
    public const byte CompressionNone = 1, CompressionGzip = 2;
    public const byte TypePng = 2, TypeJpeg = 3, TypeWebp = 4;

    /// <summary>The tiles of zooms below <paramref name="z"/>, then the position of (x, y) on zoom z's Hilbert curve.</summary>
    public static ulong TileId(int z, int x, int y)
    {
        if (z is < 0 or > 31 || (uint)x >= 1u << z || (uint)y >= 1u << z)
            throw new ArgumentOutOfRangeException(nameof(z), $"tile {z}/{x}/{y} is outside the Web Mercator pyramid");
        var id = ((1UL << (2 * z)) - 1) / 3;
        for (var s = z == 0 ? 0 : 1 << (z - 1); s > 0; s >>= 1)
        {
            var rx = (x & s) != 0 ? 1 : 0;
            var ry = (y & s) != 0 ? 1 : 0;
            id += (ulong)s * (ulong)s * (ulong)((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                    (x, y) = (s - 1 - x, s - 1 - y);
                (x, y) = (y, x);
            }
        }
        return id;
    }

    /// <summary>The root directory and the leaf directories (empty when the root holds every entry), both compressed.</summary>
    public static (byte[] Root, byte[] Leaves) Build(IReadOnlyList<PmTilesEntry> entries)
    {
        var root = Serialize(entries);
        if (HeaderLength + root.Length <= RootLimit)
            return (root, []);
        for (var leafSize = 4096; ; leafSize *= 2)
        {
            using var leaves = new MemoryStream();
            var pointers = new List<PmTilesEntry>();
            for (var start = 0; start < entries.Count; start += leafSize)
            {
                var leaf = Serialize(Slice(entries, start, Math.Min(leafSize, entries.Count - start)));
                pointers.Add(new PmTilesEntry(entries[start].TileId, (ulong)leaves.Length, (uint)leaf.Length, 0));
                leaves.Write(leaf);
            }
            root = Serialize(pointers);
            if (HeaderLength + root.Length <= RootLimit)
                return (root, leaves.ToArray());
        }
    }

    /// <summary>One directory: entry count, then the id deltas, run lengths, lengths and offsets (0 = right after the previous tile, else offset + 1), gzip-compressed.</summary>
    public static byte[] Serialize(IReadOnlyList<PmTilesEntry> entries)
    {
        using var raw = new MemoryStream();
        WriteVarint(raw, (ulong)entries.Count);
        var lastId = 0UL;
        foreach (var e in entries)
        {
            WriteVarint(raw, e.TileId - lastId);
            lastId = e.TileId;
        }
        foreach (var e in entries)
            WriteVarint(raw, e.RunLength);
        foreach (var e in entries)
            WriteVarint(raw, e.Length);
        for (var i = 0; i < entries.Count; i++)
        {
            var follows = i > 0 && entries[i].Offset == entries[i - 1].Offset + entries[i - 1].Length;
            WriteVarint(raw, follows ? 0 : entries[i].Offset + 1);
        }
        return Gzip(raw.GetBuffer().AsSpan(0, (int)raw.Length));
    }

    public static byte[] Gzip(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The 127-byte header for sections laid out in the spec's order: root, metadata, leaves, tile data.</summary>
    public static byte[] Header(PmTilesHeader h, int rootLength, int metadataLength, int leavesLength, ulong dataLength)
    {
        var bytes = new byte[HeaderLength];
        var span = bytes.AsSpan();
        "PMTiles"u8.CopyTo(span);
        span[7] = 3;
        ulong root = HeaderLength, metadata = root + (ulong)rootLength, leaves = metadata + (ulong)metadataLength, data = leaves + (ulong)leavesLength;
        ulong[] fields = [root, (ulong)rootLength, metadata, (ulong)metadataLength, leaves, (ulong)leavesLength, data, dataLength, h.AddressedTiles, h.TileEntries, h.TileContents];
        for (var i = 0; i < fields.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(span[(8 + 8 * i)..], fields[i]);
        span[96] = 1; // clustered: tile data in tile id order
        span[97] = CompressionGzip;
        span[98] = CompressionNone; // PNG, JPEG and WebP are compressed already
        span[99] = h.TileType;
        span[100] = (byte)h.MinZoom;
        span[101] = (byte)h.MaxZoom;
        BinaryPrimitives.WriteInt32LittleEndian(span[102..], E7(h.MinLon));
        BinaryPrimitives.WriteInt32LittleEndian(span[106..], E7(h.MinLat));
        BinaryPrimitives.WriteInt32LittleEndian(span[110..], E7(h.MaxLon));
        BinaryPrimitives.WriteInt32LittleEndian(span[114..], E7(h.MaxLat));
        span[118] = (byte)h.MinZoom;
        BinaryPrimitives.WriteInt32LittleEndian(span[119..], E7((h.MinLon + h.MaxLon) / 2));
        BinaryPrimitives.WriteInt32LittleEndian(span[123..], E7((h.MinLat + h.MaxLat) / 2));
        return bytes;
    }

    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7);

    private static IReadOnlyList<PmTilesEntry> Slice(IReadOnlyList<PmTilesEntry> entries, int start, int count) =>
        entries is List<PmTilesEntry> list ? list.GetRange(start, count) : [.. entries.Skip(start).Take(count)];

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
