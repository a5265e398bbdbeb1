using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>A raster stored as blocks at several resolutions: what the warper reads from.</summary>
internal interface IBlockedRaster
{
    string Uri { get; }

    CrsDefinition Crs { get; }

    int BandCount { get; }

    double? Nodata { get; }

    /// <summary>Level 0 is full resolution; overviews follow from finest to coarsest.</summary>
    IReadOnlyList<RasterLevel> Levels { get; }

    /// <summary>Scale and offset of a 0-based band (value = raw·scale + offset), applied when a read asks to unscale.</summary>
    (double Scale, double Offset) GetBandScaling(int band);

    /// <summary>Reads and decodes blocks of one level (neighbouring byte ranges coalesced), in the order asked.</summary>
    Task<IReadOnlyList<RasterBlock>> ReadBlocksAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken);
}

internal readonly record struct BlockIndex(int X, int Y);

internal sealed record RasterLevel(int Width, int Height, int BlockWidth, int BlockHeight, GeoTransform Transform)
{
    public int BlocksAcross => (Width + BlockWidth - 1) / BlockWidth;

    public int BlocksDown => (Height + BlockHeight - 1) / BlockHeight;
}

/// <summary>
/// One decoded block: every band as float32, band-sequential, BlockWidth×BlockHeight each (edge blocks keep the full
/// block size; pixels past the raster edge are undefined). <see cref="Mask"/> comes from an internal mask or alpha band
/// (255 valid); null when the file has neither. Nodata is applied by the warper, not here. Instances are shared via the
/// block cache: never modify them.
/// </summary>
internal sealed class RasterBlock(int width, int height, int bandCount, float[] samples, byte[]? mask)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public int BandCount { get; } = bandCount;

    public float[] Samples { get; } = samples;

    public byte[]? Mask { get; } = mask;

    public long SizeInBytes => Samples.Length * sizeof(float) + (Mask?.Length ?? 0) + 64;

    public ReadOnlySpan<float> Band(int band) => Samples.AsSpan(band * Width * Height, Width * Height);
}
