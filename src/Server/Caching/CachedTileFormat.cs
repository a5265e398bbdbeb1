using System.Buffers.Binary;
using System.Text;

namespace OgcTiler.Server.Caching;

/// <summary>
/// A tile as stored in Redis: magic "OTT2", content type and ETag (length-prefixed UTF-8), the render time (Unix
/// seconds, 8 bytes), then the bytes. A value
/// that does not parse (corrupt, foreign, older layout) reads as null: a miss, overwritten by the next render.
/// </summary>
public static class CachedTileFormat
{
    private const uint Magic = 0x3254544F; // "OTT2" little-endian

    public static CachedTile? Read(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(value) != Magic)
            return null;
        var rest = value[4..];
        if (!TryReadString(ref rest, out var contentType) || !TryReadString(ref rest, out var etag) || rest.Length < 12)
            return null;
        var rendered = BinaryPrimitives.ReadInt64LittleEndian(rest);
        rest = rest[8..];
        if (rendered is < 0 or > 253402300799) // 9999-12-31, the last second DateTimeOffset holds
            return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(rest);
        rest = rest[4..];
        if (length != rest.Length)
            return null;
        return new CachedTile(rest.ToArray(), contentType, etag, DateTimeOffset.FromUnixTimeSeconds(rendered));
    }

    public static byte[] Write(CachedTile tile)
    {
        var contentType = Encoding.UTF8.GetBytes(tile.ContentType);
        var etag = Encoding.UTF8.GetBytes(tile.ETag);
        var value = new byte[4 + 1 + contentType.Length + 1 + etag.Length + 8 + 4 + tile.Bytes.Length];
        var span = value.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span = span[4..];
        WriteString(ref span, contentType);
        WriteString(ref span, etag);
        BinaryPrimitives.WriteInt64LittleEndian(span, (tile.Rendered ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds());
        span = span[8..];
        BinaryPrimitives.WriteInt32LittleEndian(span, tile.Bytes.Length);
        tile.Bytes.CopyTo(span[4..]);
        return value;
    }

    private static bool TryReadString(ref ReadOnlySpan<byte> span, out string text)
    {
        text = "";
        if (span.Length < 1 || span.Length < 1 + span[0])
            return false;
        text = Encoding.UTF8.GetString(span.Slice(1, span[0]));
        span = span[(1 + span[0])..];
        return true;
    }

    private static void WriteString(ref Span<byte> span, byte[] text)
    {
        span[0] = checked((byte)text.Length);
        text.CopyTo(span[1..]);
        span = span[(1 + text.Length)..];
    }
}
