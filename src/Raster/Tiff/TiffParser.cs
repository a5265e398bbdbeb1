using System.Buffers.Binary;
using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>Reads the TIFF/BigTIFF header and the chain of IFDs (only the tags the reader uses).</summary>
internal sealed class TiffParser
{
    private const int MaxIfds = 1024;
    private const int MaxEntries = 4096;
    private const long MaxValuesPerTag = 1 << 24;

    private readonly HeaderBuffer _buffer;
    private bool _bigEndian;
    private bool _bigTiff;

    private TiffParser(IRangeReader reader, int prefetch) => _buffer = new HeaderBuffer(reader, prefetch);

    private string Uri => _buffer.Uri;

    /// <summary>Every IFD's fields, in file order. A loop in the IFD chain ends the chain (as libtiff does).</summary>
    public static Task<TiffDirectorySet> ParseAsync(IRangeReader reader, int prefetch, CancellationToken cancellationToken) =>
        ParseAsync(reader, prefetch, null, cancellationToken);

    /// <summary>
    /// Every IFD's fields, in file order. The chain is walked first, then the values stored apart from the IFDs are read
    /// at once; <paramref name="onChain"/> hears the IFDs' inline fields (those whose values fit in their entry) in
    /// between, before any such read (the dictionaries it is given gain the other fields afterwards).
    /// </summary>
    public static async Task<TiffDirectorySet> ParseAsync(IRangeReader reader, int prefetch,
        Action<IReadOnlyList<Dictionary<ushort, TiffField>>>? onChain, CancellationToken cancellationToken)
    {
        var parser = new TiffParser(reader, prefetch);
        var first = await parser.ReadHeaderAsync(cancellationToken);
        var chain = new List<List<Entry>>();
        var offsets = new List<long>();
        var visited = new HashSet<long>();
        for (var offset = first; offset != 0 && visited.Add(offset);)
        {
            if (chain.Count == MaxIfds)
                throw TiffErrors.Format(parser.Uri, $"more than {MaxIfds} IFDs");
            var (entries, next) = await parser.ReadIfdAsync(offset, cancellationToken);
            chain.Add(entries);
            offsets.Add(offset);
            offset = next;
        }
        var ifds = chain.Select(entries => parser.AddFields([], entries.Where(e => e.ValueOffset < 0))).ToList();
        onChain?.Invoke(ifds);
        await parser._buffer.LoadAsync(chain.SelectMany(entries => entries).Where(e => e.ValueOffset >= 0).Select(e => new ByteRange(e.ValueOffset, e.Size)),
            cancellationToken);
        for (var i = 0; i < chain.Count; i++)
            parser.AddFields(ifds[i], chain[i].Where(e => e.ValueOffset >= 0));
        return new TiffDirectorySet(ifds, offsets, parser._bigEndian, parser._bigTiff);
    }

    private async Task<long> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await _buffer.LoadAsync([new ByteRange(0, 16)], cancellationToken);
        if (_buffer.FileLength == 0)
            throw TiffErrors.Format(Uri, "file is empty");
        if (!_buffer.Covers(0, 8))
            throw TiffErrors.Format(Uri, "not a TIFF file (shorter than a TIFF header)");
        var head = _buffer.Slice(0, 8);
        _bigEndian = (head[0], head[1]) switch
        {
            ((byte)'I', (byte)'I') => false,
            ((byte)'M', (byte)'M') => true,
            _ => throw TiffErrors.Format(Uri, "not a TIFF file (bad byte-order mark)"),
        };
        var magic = U16(head[2..]);
        if (magic == 42)
            return U32(head[4..]);
        if (magic != 43)
            throw TiffErrors.Format(Uri, $"not a TIFF file (magic number {magic})");
        _bigTiff = true;
        var big = _buffer.Slice(0, 16);
        if (U16(big[4..]) != 8)
            throw TiffErrors.Format(Uri, "BigTIFF header with an offset size other than 8");
        return Offset(big[8..]);
    }

    /// <summary>An IFD's entries (of the tags the reader uses) and the offset of the next IFD.</summary>
    private async Task<(List<Entry> Entries, long Next)> ReadIfdAsync(long offset, CancellationToken cancellationToken)
    {
        var countSize = _bigTiff ? 8 : 2;
        var entrySize = _bigTiff ? 20 : 12;
        await _buffer.LoadAsync([new ByteRange(offset, countSize)], cancellationToken);
        var count = _bigTiff ? U64(_buffer.Slice(offset, 8)) : U16(_buffer.Slice(offset, 2));
        if (count is 0 or > MaxEntries)
            throw TiffErrors.Format(Uri, $"IFD at offset {offset} has {count} entries");
        var entriesLength = (int)count * entrySize + (_bigTiff ? 8 : 4);
        await _buffer.LoadAsync([new ByteRange(offset + countSize, entriesLength)], cancellationToken);
        var entries = ReadEntries(_buffer.Slice(offset + countSize, entriesLength), (int)count);
        var next = _buffer.Slice(offset + countSize + (int)count * entrySize, _bigTiff ? 8 : 4);
        return (entries, _bigTiff ? Offset(next) : U32(next));
    }

    /// <summary>Adds the fields of entries whose values are inline or loaded to <paramref name="fields"/>.</summary>
    private Dictionary<ushort, TiffField> AddFields(Dictionary<ushort, TiffField> fields, IEnumerable<Entry> entries)
    {
        foreach (var e in entries)
        {
            var raw = e.ValueOffset >= 0 ? _buffer.Slice(e.ValueOffset, (int)e.Size).ToArray() : e.Inline!;
            fields[e.Tag] = new TiffField(e.Tag, e.Type, e.Count, raw, _bigEndian);
        }
        return fields;
    }

    private List<Entry> ReadEntries(ReadOnlySpan<byte> span, int count)
    {
        var entries = new List<Entry>();
        var entrySize = _bigTiff ? 20 : 12;
        var inlineSize = _bigTiff ? 8 : 4;
        for (var i = 0; i < count; i++)
        {
            var e = span[(i * entrySize)..];
            var tag = U16(e);
            var type = U16(e[2..]);
            var typeSize = TiffField.TypeSize(type);
            if (typeSize == 0 || !TiffTag.IsUsed(tag))
                continue;
            var n = _bigTiff ? U64(e[4..]) : U32(e[4..]);
            if (n > MaxValuesPerTag || (_buffer.FileLength is { } length && n * (ulong)typeSize > (ulong)length))
                throw TiffErrors.Format(Uri, $"tag {tag} has {n} values, more than the file can hold");
            var size = (long)n * typeSize;
            var value = e[(_bigTiff ? 12 : 8)..][..inlineSize];
            entries.Add(size <= inlineSize
                ? new Entry(tag, type, (long)n, size, -1, value[..(int)size].ToArray())
                : new Entry(tag, type, (long)n, size, _bigTiff ? Offset(value) : U32(value), null));
        }
        return entries;
    }

    private long Offset(ReadOnlySpan<byte> s)
    {
        var value = U64(s);
        return value <= long.MaxValue / 2 ? (long)value : throw TiffErrors.Format(Uri, $"offset {value} is out of range");
    }

    private ushort U16(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint U32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ulong U64(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);

    private sealed record Entry(ushort Tag, ushort Type, long Count, long Size, long ValueOffset, byte[]? Inline);
}

/// <summary>The parsed IFDs of a file in chain order, the byte offset of each, and the file's byte order.</summary>
internal sealed record TiffDirectorySet(IReadOnlyList<Dictionary<ushort, TiffField>> Ifds, IReadOnlyList<long> IfdOffsets, bool BigEndian, bool BigTiff);
