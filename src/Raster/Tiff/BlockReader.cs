using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Fetches the stored blocks (every sample plane, and the mask blocks covering it) behind a set of blocks of one level,
/// coalescing neighbouring byte ranges of each file into single reads (those of remote files through the
/// compressed-block cache, when there is one), and decodes them.
/// </summary>
internal sealed class BlockReader(GeoTiffHeader header, CompressedBlockCache? compressed)
{
    /// <summary>Stored block larger than this many times its decoded size (plus slack) is treated as corrupt.</summary>
    private const int MaxExpansion = 4;

    public async Task<RasterBlock[]> ReadAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken)
    {
        var image = header.Levels[level];
        var mask = header.Masks[level];
        var parts = blocks.Select(b => Parts(level, image, mask, b)).ToList();
        using var stored = await StoredBytes.ReadAsync(parts.SelectMany(p => p).Select(p => (p.Image.File.Reader, p.Range)), compressed, cancellationToken);
        var decoder = new BlockDecoder(header, level);
        return parts.Select((blockParts, i) => decoder.Decode(blocks[i], blockParts, part => stored.Find(part.Image.File.Reader, part.Range))).ToArray();
    }

    private static List<StoredPart> Parts(int level, TiffImage image, TiffImage? mask, BlockIndex block)
    {
        if ((uint)block.X >= (uint)image.BlocksAcross || (uint)block.Y >= (uint)image.BlocksDown)
            throw new ArgumentOutOfRangeException(nameof(block), $"block ({block.X},{block.Y}) is outside level {level} ({image.BlocksAcross}×{image.BlocksDown} blocks)");
        var parts = new List<StoredPart>();
        var planes = image.Planar ? image.SamplesPerPixel : 1;
        for (var plane = 0; plane < planes; plane++)
            parts.Add(Part(level, image, block, plane, plane));
        if (mask is not null)
        {
            foreach (var maskBlock in MaskBlocks(image, mask, block))
                parts.Add(Part(level, mask, maskBlock, 0, StoredPart.MaskPlane));
        }
        return parts;
    }

    /// <summary>The blocks of a mask that cover an image block: the same block when both are laid out alike.</summary>
    private static IEnumerable<BlockIndex> MaskBlocks(TiffImage image, TiffImage mask, BlockIndex block)
    {
        var x0 = block.X * image.BlockWidth;
        var y0 = block.Y * image.BlockHeight;
        var x1 = Math.Min(x0 + image.BlockWidth, image.Width) - 1;
        var y1 = Math.Min(y0 + image.BlockHeight, image.Height) - 1;
        for (var y = y0 / mask.BlockHeight; y <= y1 / mask.BlockHeight; y++)
            for (var x = x0 / mask.BlockWidth; x <= x1 / mask.BlockWidth; x++)
                yield return new BlockIndex(x, y);
    }

    private static StoredPart Part(int level, TiffImage image, BlockIndex block, int storedPlane, int plane)
    {
        var index = image.StoredBlockIndex(block.X, block.Y, storedPlane);
        var offset = image.Offsets[index];
        var count = image.ByteCounts[index];
        var where = $"block ({block.X},{block.Y}) of level {level}";
        if (count > (ulong)(image.StoredBlockBytes * MaxExpansion + 65536))
            throw TiffErrors.Format(image.File.Uri, $"{where} claims {count} stored bytes, implausible for a {image.StoredBlockBytes}-byte block");
        var length = image.File.Reader.Length;
        if (count > 0 && (offset > long.MaxValue / 2 || (length is { } l && (long)offset + (long)count > l)))
            throw TiffErrors.Format(image.File.Uri, $"{where} (bytes {offset}..{offset + count}) lies past the end of the file ({length} bytes)");
        return new StoredPart(image, plane, block, new ByteRange(count == 0 ? 0 : (long)offset, (long)count));
    }
}

/// <summary>
/// One stored block behind a dataset block: a sample plane (0 for chunky images) of the same block, or one of the
/// mask's blocks covering it.
/// </summary>
internal readonly record struct StoredPart(TiffImage Image, int Plane, BlockIndex Block, ByteRange Range)
{
    public const int MaskPlane = -1;
}
