using System.Buffers;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Fetches the stored blocks (every sample plane, and the mask) behind a set of blocks of one level, coalescing
/// neighbouring byte ranges into single reads, and decodes them.
/// </summary>
internal sealed class BlockReader(IRangeReader reader, GeoTiffHeader header)
{
    /// <summary>Stored block larger than this many times its decoded size (plus slack) is treated as corrupt.</summary>
    private const int MaxExpansion = 4;

    public async Task<RasterBlock[]> ReadAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken)
    {
        var image = header.Levels[level];
        var mask = header.Masks[level];
        var parts = blocks.Select(b => Parts(level, image, mask, b)).ToList();
        var ranges = RangeCoalescer.Coalesce(parts.SelectMany(p => p).Select(p => p.Range));
        var fetched = await Task.WhenAll(ranges.Select(r => FetchAsync(r, cancellationToken)));
        try
        {
            var decoder = new BlockDecoder(header, level);
            return parts.Select((blockParts, i) => decoder.Decode(blocks[i], blockParts, range => Find(fetched, range))).ToArray();
        }
        finally
        {
            foreach (var (_, buffer) in fetched)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private List<StoredPart> Parts(int level, TiffImage image, TiffImage? mask, BlockIndex block)
    {
        if ((uint)block.X >= (uint)image.BlocksAcross || (uint)block.Y >= (uint)image.BlocksDown)
            throw new ArgumentOutOfRangeException(nameof(block), $"block ({block.X},{block.Y}) is outside level {level} ({image.BlocksAcross}×{image.BlocksDown} blocks)");
        var parts = new List<StoredPart>();
        var planes = image.Planar ? image.SamplesPerPixel : 1;
        for (var plane = 0; plane < planes; plane++)
            parts.Add(Part(level, image, block, plane, plane));
        if (mask is not null)
            parts.Add(Part(level, mask, block, 0, StoredPart.MaskPlane));
        return parts;
    }

    private StoredPart Part(int level, TiffImage image, BlockIndex block, int storedPlane, int plane)
    {
        var index = image.StoredBlockIndex(block.X, block.Y, storedPlane);
        var offset = image.Offsets[index];
        var count = image.ByteCounts[index];
        var where = $"block ({block.X},{block.Y}) of level {level}";
        if (count > (ulong)(image.StoredBlockBytes * MaxExpansion + 65536))
            throw TiffErrors.Format(header.Uri, $"{where} claims {count} stored bytes, implausible for a {image.StoredBlockBytes}-byte block");
        if (count > 0 && (offset > long.MaxValue / 2 || (reader.Length is { } length && (long)offset + (long)count > length)))
            throw TiffErrors.Format(header.Uri, $"{where} (bytes {offset}..{offset + count}) lies past the end of the file ({reader.Length} bytes)");
        return new StoredPart(image, plane, new ByteRange(count == 0 ? 0 : (long)offset, (long)count));
    }

    private async Task<(ByteRange Range, byte[] Buffer)> FetchAsync(ByteRange range, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)range.Length);
        try
        {
            var read = await reader.ReadAsync(range.Offset, buffer.AsMemory(0, (int)range.Length), cancellationToken);
            if (read < range.Length)
                throw TiffErrors.Format(header.Uri, $"file is truncated: bytes {range.Offset}..{range.End} requested, only {read} available");
            return (range, buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static ReadOnlyMemory<byte> Find((ByteRange Range, byte[] Buffer)[] fetched, ByteRange range)
    {
        if (range.Length == 0)
            return ReadOnlyMemory<byte>.Empty;
        foreach (var (r, buffer) in fetched)
        {
            if (range.Offset >= r.Offset && range.End <= r.End)
                return buffer.AsMemory((int)(range.Offset - r.Offset), (int)range.Length);
        }
        throw new InvalidOperationException("a block's byte range was not fetched");
    }
}

/// <summary>One stored block behind a dataset block: a sample plane (0 for chunky images) or the mask.</summary>
internal readonly record struct StoredPart(TiffImage Image, int Plane, ByteRange Range)
{
    public const int MaskPlane = -1;
}
