using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace OgcTiler.Server.Caching;

/// <summary>
/// A tile in the L2 cache: magic "OTT1", content type and ETag (length-prefixed UTF-8), then the bytes. A value
/// that does not parse (corrupt, foreign, older layout) throws, which HybridCache treats as a miss and overwrites.
/// </summary>
public sealed class CachedTileSerializer : IHybridCacheSerializer<CachedTile>
{
    private const uint Magic = 0x3154544F; // "OTT1" little-endian

    public CachedTile Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new SequenceReader<byte>(source);
        if (!reader.TryReadLittleEndian(out int magic) || (uint)magic != Magic)
            throw new InvalidDataException("not an OgcTiler tile");
        var contentType = ReadString(ref reader);
        var etag = ReadString(ref reader);
        if (!reader.TryReadLittleEndian(out int length) || length < 0 || length != reader.Remaining)
            throw new InvalidDataException("truncated OgcTiler tile");
        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        return new CachedTile(bytes, contentType, etag);
    }

    public void Serialize(CachedTile value, IBufferWriter<byte> target)
    {
        var head = target.GetSpan(4);
        BinaryPrimitives.WriteUInt32LittleEndian(head, Magic);
        target.Advance(4);
        WriteString(target, value.ContentType);
        WriteString(target, value.ETag);
        var length = target.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(length, value.Bytes.Length);
        target.Advance(4);
        target.Write(value.Bytes);
    }

    private static string ReadString(ref SequenceReader<byte> reader)
    {
        if (!reader.TryRead(out byte length) || reader.Remaining < length)
            throw new InvalidDataException("truncated OgcTiler tile");
        Span<byte> text = stackalloc byte[length];
        reader.TryCopyTo(text);
        reader.Advance(length);
        return Encoding.UTF8.GetString(text);
    }

    private static void WriteString(IBufferWriter<byte> target, string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var span = target.GetSpan(count + 1);
        span[0] = checked((byte)count);
        Encoding.UTF8.GetBytes(text, span[1..]);
        target.Advance(count + 1);
    }
}
