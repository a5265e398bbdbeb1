using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// The selected bands of a source window, converted to float32 row by row out of its blocks into one pooled buffer
/// (band-sequential), with a validity byte per pixel that folds in the block mask (when the read counts it), nodata and
/// NaN: 0 invalid, else the pixel's alpha (the block mask's value, 255 without one), GDAL's source density. A pixel is valid when any selected
/// band holds data (GDAL's unified source nodata). Dispose to return the buffers.
/// </summary>
internal sealed class SourcePixels : IDisposable
{
    private float[]? _samples;
    private byte[]? _valid;

    private SourcePixels(SourceWindow window, int bandCount)
    {
        Window = window;
        BandCount = bandCount;
        _samples = ArrayPool<float>.Shared.Rent(Math.Max(1, window.Width * window.Height * bandCount));
        // Three bytes of slack: the nearest resampler's gather reads each alpha as a 32-bit word.
        _valid = ArrayPool<byte>.Shared.Rent(window.Width * window.Height + 3);
    }

    public SourceWindow Window { get; }

    public int BandCount { get; }

    public int Stride => Window.Width;

    /// <summary>How the blocks' masks count (see <see cref="MaskUse"/>).</summary>
    public MaskUse Masks { get; private init; }

    /// <summary>How a kernel writes a weighted mean of these samples.</summary>
    public SampleRounding Rounding { get; private init; }

    /// <summary>True when every pixel of the window is valid (some perhaps partly transparent).</summary>
    public bool AllValid { get; private set; }

    public float[] Samples => _samples ?? throw new ObjectDisposedException(nameof(SourcePixels));

    public byte[] Valid => _valid ?? throw new ObjectDisposedException(nameof(SourcePixels));

    public int BandOffset(int band) => band * Window.Width * Window.Height;

    /// <param name="blocks">The blocks planned for <paramref name="window"/> by <see cref="BlockPlanner"/>, in order.</param>
    /// <param name="bands">0-based band indexes inside the blocks, in output order.</param>
    /// <param name="masks">How the blocks' masks count; <see cref="MaskUse.None"/>: only nodata and NaN mark pixels invalid.</param>
    /// <param name="rounding">How kernels write weighted means of the samples (the source type's rule).</param>
    public static SourcePixels Assemble(RasterLevel level, SourceWindow window, IReadOnlyList<BlockIndex> indexes,
        IReadOnlyList<RasterBlock> blocks, IReadOnlyList<int> bands, double? nodata, MaskUse masks, SampleRounding rounding)
    {
        var pixels = new SourcePixels(window, bands.Count) { Masks = masks, Rounding = rounding };
        var valid = pixels.Valid.AsSpan(0, window.Width * window.Height);
        for (var i = 0; i < indexes.Count; i++)
            pixels.CopyBlock(level, indexes[i], blocks[i], bands, valid, masks != MaskUse.None);
        pixels.AllValid = pixels.MarkInvalid(valid, nodata);
        return pixels;
    }

    private void CopyBlock(RasterLevel level, BlockIndex index, RasterBlock block, IReadOnlyList<int> bands, Span<byte> valid, bool blockMask)
    {
        var bx = index.X * level.BlockWidth;
        var by = index.Y * level.BlockHeight;
        var x0 = Math.Max(bx, Window.X);
        var x1 = Math.Min(bx + level.BlockWidth, Window.Right);
        var y0 = Math.Max(by, Window.Y);
        var y1 = Math.Min(by + level.BlockHeight, Window.Bottom);
        var count = x1 - x0;
        if (count <= 0 || y1 <= y0)
            return;
        for (var b = 0; b < bands.Count; b++)
        {
            var target = Samples.AsSpan(BandOffset(b), Window.Width * Window.Height);
            for (var y = y0; y < y1; y++)
                block.CopyTo(bands[b], (y - by) * block.Width + (x0 - bx), target.Slice((y - Window.Y) * Window.Width + (x0 - Window.X), count));
        }
        for (var y = y0; y < y1; y++)
        {
            var row = valid.Slice((y - Window.Y) * Window.Width + (x0 - Window.X), count);
            if (blockMask && block.Mask is { } mask)
                mask.AsSpan((y - by) * block.Width + (x0 - bx), count).CopyTo(row);
            else
                row.Fill(255);
        }
    }

    /// <summary>Clears validity where every band is nodata or NaN; returns whether all pixels stayed valid.</summary>
    private bool MarkInvalid(Span<byte> valid, double? nodata)
    {
        var noValue = nodata is { } n ? (float)n : float.NaN;
        var samples = Samples.AsSpan(0, valid.Length * BandCount);
        var (start, allValid) = WarpVectors.Enabled ? MarkInvalidVectors(samples, valid, noValue) : (0, true);
        var pixelCount = valid.Length;
        for (var i = start; i < pixelCount; i++)
        {
            if (valid[i] == 0)
            {
                allValid = false;
                continue;
            }
            var hasData = false;
            for (var b = 0; b < BandCount && !hasData; b++)
            {
                var v = samples[b * pixelCount + i];
                hasData = !float.IsNaN(v) && v != noValue;
            }
            if (!hasData)
            {
                valid[i] = 0;
                allValid = false;
            }
        }
        return allValid;
    }

    /// <summary><see cref="MarkInvalid"/> over whole vectors of 32 pixels: the first pixel left, whether all so far stayed valid.</summary>
    private (int Next, bool AllValid) MarkInvalidVectors(ReadOnlySpan<float> samples, Span<byte> valid, float noValue)
    {
        var pixelCount = valid.Length;
        var step = Vector256<float>.Count;
        var nodata = Vector256.Create(noValue);
        ref var first = ref MemoryMarshal.GetReference(samples);
        ref var validity = ref MemoryMarshal.GetReference(valid);
        var zeros = Vector256<byte>.Zero;
        var allValid = true;
        var i = 0;
        for (; i <= pixelCount - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var hasData = zeros;
            for (var b = 0; b < BandCount; b++)
            {
                ref var band = ref Unsafe.Add(ref first, b * pixelCount + i);
                var q0 = HasData(Vector256.LoadUnsafe(ref band), nodata);
                var q1 = HasData(Vector256.LoadUnsafe(ref band, (nuint)step), nodata);
                var q2 = HasData(Vector256.LoadUnsafe(ref band, (nuint)(2 * step)), nodata);
                var q3 = HasData(Vector256.LoadUnsafe(ref band, (nuint)(3 * step)), nodata);
                hasData |= Vector256.Narrow(Vector256.Narrow(q0, q1), Vector256.Narrow(q2, q3)).AsByte();
            }
            var kept = Vector256.LoadUnsafe(ref validity, (nuint)i) & hasData;
            kept.StoreUnsafe(ref validity, (nuint)i);
            allValid &= !Vector256.EqualsAny(kept, zeros);
        }
        return (i, allValid);
    }

    /// <summary>All ones where a sample is neither NaN nor the nodata value (the scalar test, lane by lane).</summary>
    private static Vector256<int> HasData(Vector256<float> v, Vector256<float> nodata) =>
        Vector256.AndNot(Vector256.Equals(v, v), Vector256.Equals(v, nodata)).AsInt32();

    public void Dispose()
    {
        if (_samples is { } samples)
            ArrayPool<float>.Shared.Return(samples);
        if (_valid is { } valid)
            ArrayPool<byte>.Shared.Return(valid);
        _samples = null;
        _valid = null;
    }
}

/// <summary>How a read takes the blocks' masks (an internal mask or an alpha band's values).</summary>
internal enum MaskUse
{
    /// <summary>Left out: only nodata and NaN mark pixels invalid.</summary>
    None,

    /// <summary>As GDAL's warper: a target pixel is drawn where the source pixel under its centre is valid, with its alpha.</summary>
    Warper,

    /// <summary>
    /// As GDAL's RasterIO of an RGBA file (rio-tiler's read in the file's own CRS): the alpha band is resampled like a
    /// data band, over every neighbour, while the other bands are resampled from the neighbours whose alpha is above 0.
    /// </summary>
    RasterIo,
}
