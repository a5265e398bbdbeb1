using System.Numerics;
using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>A raster stored as blocks at several resolutions: what the warper reads from.</summary>
internal interface IBlockedRaster
{
    string Uri { get; }

    CrsDefinition Crs { get; }

    /// <summary>The raster's area for its datum operations (<see cref="RasterArea.Of"/>), the same instance on every read.</summary>
    AreaOfInterest? AreaOfInterest { get; }

    int BandCount { get; }

    double? Nodata { get; }

    /// <summary>The type the samples are stored in: interpolated values of an integer type are rounded into it.</summary>
    RasterDataType DataType { get; }

    /// <summary>
    /// The 0-based band whose values are the blocks' masks (an alpha band, scaled to 0..255) rather than an internal
    /// mask (0 or 255); -1 when there is none.
    /// </summary>
    int AlphaBand => -1;

    /// <summary>Level 0 is full resolution; overviews follow from finest to coarsest.</summary>
    IReadOnlyList<RasterLevel> Levels { get; }

    /// <summary>Scale and offset of a 0-based band (value = raw·scale + offset), applied when a read asks to unscale.</summary>
    (double Scale, double Offset) GetBandScaling(int band);

    /// <summary>Reads and decodes blocks of one level (neighbouring byte ranges coalesced), in the order asked.</summary>
    Task<IReadOnlyList<RasterBlock>> ReadBlocksAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken);
}

internal readonly record struct BlockIndex(int X, int Y);

/// <summary>
/// One resolution of a raster. <see cref="Gcps"/> is set for rasters georeferenced by ground control points: then it
/// maps pixels to the CRS and <see cref="Transform"/> is only its affine approximation.
/// </summary>
internal sealed record RasterLevel(int Width, int Height, int BlockWidth, int BlockHeight, GeoTransform Transform, GcpTransform? Gcps = null)
{
    public (double X, double Y) PixelToWorld(double col, double row) =>
        Gcps is { } gcps ? gcps.PixelToWorld(col, row) : Transform.PixelToWorld(col, row);

    public int BlocksAcross => (Width + BlockWidth - 1) / BlockWidth;

    public int BlocksDown => (Height + BlockHeight - 1) / BlockHeight;
}

/// <summary>
/// One decoded block: every band band-sequential, BlockWidth×BlockHeight each (edge blocks keep the full block size;
/// pixels past the raster edge are undefined). <see cref="Mask"/> comes from an internal mask (0 or 255) or from the
/// alpha band (its values, 0..255); null when the file has neither. Nodata is applied by the warper, not here, and under a
/// nodata value the warper drops the mask (Warper.MaskUseOf). Instances are shared via the block cache: never modify them.
/// </summary>
internal abstract class RasterBlock(int width, int height, int bandCount, byte[]? mask)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public int BandCount { get; } = bandCount;

    public byte[]? Mask { get; } = mask;

    public abstract long SizeInBytes { get; }

    /// <summary>Converts <paramref name="target"/>.Length samples of a band, from pixel <paramref name="start"/> on, to float32.</summary>
    public abstract void CopyTo(int band, int start, Span<float> target);
}

/// <summary>
/// A block held in the sample type it is stored in (byte, ushort, short…), so the cache holds 2–4× more blocks than as
/// float32; the warp converts the rows it needs. Float64 blocks are held as float32: every read converts to float32.
/// </summary>
internal sealed class RasterBlock<T>(int width, int height, int bandCount, T[] samples, byte[]? mask)
    : RasterBlock(width, height, bandCount, mask)
    where T : unmanaged, INumberBase<T>
{
    public T[] Samples { get; } = samples;

    public override long SizeInBytes => (long)Samples.Length * Unsafe.SizeOf<T>() + (Mask?.Length ?? 0) + 64;

    public ReadOnlySpan<T> Band(int band) => Samples.AsSpan(band * Width * Height, Width * Height);

    public override void CopyTo(int band, int start, Span<float> target) =>
        SampleRows.ToFloat(Samples.AsSpan(band * Width * Height + start, target.Length), target);
}
