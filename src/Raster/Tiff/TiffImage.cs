using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// One image (IFD) of a TIFF: size, block layout, sample layout, compression, and where each block's bytes are.
/// Blocks are tiles, or strips of <see cref="BlockHeight"/> rows spanning the full width.
/// </summary>
internal sealed class TiffImage
{
    /// <summary>Where the blocks are stored.</summary>
    public required TiffFile File { get; init; }

    /// <summary>Largest decoded block (all samples), a bound on per-block memory.</summary>
    private const long MaxBlockBytes = 256L * 1024 * 1024;

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required int BlockWidth { get; init; }

    public required int BlockHeight { get; init; }

    public required bool Tiled { get; init; }

    public required int SamplesPerPixel { get; init; }

    public required int BitsPerSample { get; init; }

    /// <summary>Null for 1-bit masks.</summary>
    public required RasterDataType? DataType { get; init; }

    public required bool Planar { get; init; }

    public required int Compression { get; init; }

    public required int Predictor { get; init; }

    public required int Photometric { get; init; }

    public required bool IsReducedResolution { get; init; }

    public required bool IsMask { get; init; }

    /// <summary>Index of the alpha sample (ExtraSamples 1 or 2), or -1.</summary>
    public required int AlphaSample { get; init; }

    public required byte[]? JpegTables { get; init; }

    /// <summary>The compression around LERC blobs (LercParameters' second value): 0 none, 1 DEFLATE, 2 ZSTD.</summary>
    public int LercWrapping { get; init; }

    public required ulong[] Offsets { get; init; }

    public required ulong[] ByteCounts { get; init; }

    public int BlocksAcross => (int)((Width + (long)BlockWidth - 1) / BlockWidth);

    public int BlocksDown => (int)((Height + (long)BlockHeight - 1) / BlockHeight);

    public int BytesPerSample => Math.Max(1, BitsPerSample / 8);

    /// <summary>Samples per pixel inside one stored block: all of them (chunky) or one (planar).</summary>
    public int SamplesPerBlockPixel => Planar ? 1 : SamplesPerPixel;

    /// <summary>True for samples packed at a depth other than 8, 16, 32 or 64 bits (NBITS, 1-bit masks).</summary>
    public bool Packed => BitsPerSample is not (8 or 16 or 32 or 64);

    /// <summary>Bytes of one decoded row of a stored block (packed rows are padded to a byte).</summary>
    public int RowBytes => (int)(((long)BlockWidth * SamplesPerBlockPixel * BitsPerSample + 7) / 8);

    public int StoredBlockBytes => RowBytes * BlockHeight;

    /// <summary>Rows holding data in block row <paramref name="blockY"/> (the last strip of a stripped image is short).</summary>
    public int RowsInBlock(int blockY) => Tiled ? BlockHeight : Math.Min(BlockHeight, Height - blockY * BlockHeight);

    /// <summary>Index into <see cref="Offsets"/> of a block and sample plane (plane 0 for chunky images).</summary>
    public int StoredBlockIndex(int blockX, int blockY, int plane) =>
        (plane * BlocksDown + blockY) * BlocksAcross + blockX;

    public static long ExpectedBlockCount(long width, long height, long blockWidth, long blockHeight, int planes) =>
        (width + blockWidth - 1) / blockWidth * ((height + blockHeight - 1) / blockHeight) * planes;

    public static void CheckBlockSize(string uri, long blockWidth, long blockHeight, int samples, int bytesPerSample)
    {
        if (blockWidth <= 0 || blockHeight <= 0 || blockWidth * blockHeight * samples * Math.Max(bytesPerSample, 4) > MaxBlockBytes)
            throw TiffErrors.Format(uri, $"block size {blockWidth}×{blockHeight}×{samples} is not supported (at most {MaxBlockBytes >> 20} MiB per block)");
    }
}
