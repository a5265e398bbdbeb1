using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// The parts of a file read while parsing its header: a first prefetch from offset 0, extended by further reads only
/// when an IFD or a tag value lies outside what is already loaded.
/// </summary>
internal sealed class HeaderBuffer(IRangeReader reader, int prefetch = HeaderBuffer.DefaultPrefetch)
{
    /// <summary>First read: GDAL's COGs keep every IFD and tag value in the first few KiB.</summary>
    public const int DefaultPrefetch = 64 * 1024;

    /// <summary>Smallest later read, so an IFD far away (at the end of a plain GeoTIFF) costs one request.</summary>
    private const int MinRead = 16 * 1024;

    private const long MaxTotal = 128 * 1024 * 1024;

    private readonly List<(long Offset, byte[] Data)> _segments = [];
    private long _total;

    public string Uri => reader.Uri;

    public long? FileLength => reader.Length;

    /// <summary>Reads every range not yet loaded; ranges close to each other are fetched together.</summary>
    public async ValueTask LoadAsync(IEnumerable<ByteRange> ranges, CancellationToken cancellationToken)
    {
        var missing = ranges.Where(r => !Covers(r.Offset, r.Length)).ToList();
        foreach (var range in RangeCoalescer.Coalesce(missing))
        {
            // Later reads grow with what is already loaded, so a large header costs a logarithmic number of requests.
            var length = Math.Max(range.Length, _segments.Count == 0 ? prefetch : Math.Max(Math.Min(prefetch, MinRead), _total));
            if (reader.Length is { } fileLength)
                length = Math.Max(0, Math.Min(length, fileLength - range.Offset));
            if (_total + length > MaxTotal)
                throw TiffErrors.Format(Uri, $"header data exceeds {MaxTotal >> 20} MiB");
            var data = new byte[length];
            var read = length == 0 ? 0 : await reader.ReadAsync(range.Offset, data, cancellationToken);
            _segments.Add((range.Offset, read == data.Length ? data : data[..read]));
            _total += read;
        }
    }

    public bool Covers(long offset, long length)
    {
        foreach (var (start, data) in _segments)
        {
            if (offset >= start && offset + length <= start + data.Length)
                return true;
        }
        return false;
    }

    /// <summary>Loaded bytes; a range that was asked for but lies past the end of the file means the file is truncated.</summary>
    public ReadOnlySpan<byte> Slice(long offset, int length)
    {
        foreach (var (start, data) in _segments)
        {
            if (offset >= start && offset + length <= start + data.Length)
                return data.AsSpan((int)(offset - start), length);
        }
        throw TiffErrors.Format(Uri, $"file is truncated: bytes {offset}..{offset + length} lie past its end ({reader.Length} bytes)");
    }
}
