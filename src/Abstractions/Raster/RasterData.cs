using System.Buffers;

namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// Pixels of a read: float32 bands, each <see cref="Width"/>×<see cref="Height"/> row-major, one validity mask
/// (255 valid, 0 invalid) shared by all bands and, for a source with an alpha band, that band's values (see
/// <see cref="Alpha"/>). Buffers are pooled: dispose the instance when done.
/// </summary>
public sealed class RasterData : IDisposable
{
    private float[]? _samples;
    private byte[]? _mask;
    private ushort[]? _alpha;

    private RasterData(int width, int height, IReadOnlyList<string> bandNames)
    {
        Width = width;
        Height = height;
        BandNames = bandNames;
        _samples = ArrayPool<float>.Shared.Rent(Math.Max(1, width * height * bandNames.Count));
        _mask = ArrayPool<byte>.Shared.Rent(Math.Max(1, width * height));
    }

    public int Width { get; }

    public int Height { get; }

    public int PixelCount => Width * Height;

    /// <summary>One name per band: "b1".."bN" for a single dataset, "B04_b1" style (or "B04") for STAC assets.</summary>
    public IReadOnlyList<string> BandNames { get; }

    public int BandCount => BandNames.Count;

    /// <summary>A new instance with every sample 0 and every pixel invalid.</summary>
    public static RasterData Create(int width, int height, IReadOnlyList<string> bandNames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var data = new RasterData(width, height, bandNames);
        data.AllSamples.Clear();
        data.Mask.Clear();
        return data;
    }

    public Span<float> Band(int index)
    {
        if ((uint)index >= (uint)BandCount)
            throw new ArgumentOutOfRangeException(nameof(index), $"band index {index} is outside 0..{BandCount - 1}");
        return Samples.AsSpan(index * PixelCount, PixelCount);
    }

    /// <summary>The band with the given name (case-sensitive), or -1.</summary>
    public int IndexOf(string bandName)
    {
        for (var i = 0; i < BandNames.Count; i++)
        {
            if (BandNames[i] == bandName)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Fills this data's gaps from <paramref name="read"/> (same size and bands): every pixel this holds no data at (a
    /// partly transparent one included) and the read does takes the read's samples and becomes valid (and opaque).
    /// Returns how many pixels were filled.
    /// </summary>
    public int FillGapsFrom(RasterData read)
    {
        if (read.Width != Width || read.Height != Height || read.BandCount != BandCount)
            throw new ArgumentException($"a {read.Width}×{read.Height} read of {read.BandCount} bands cannot fill {Width}×{Height} data of {BandCount}", nameof(read));
        var mask = Mask;
        var readMask = read.Mask;
        var samples = AllSamples;
        var readSamples = read.AllSamples;
        var n = PixelCount;
        var filled = 0;
        for (var p = 0; p < n; p++)
        {
            if (mask[p] != 0 || readMask[p] == 0)
                continue;
            for (var offset = p; offset < samples.Length; offset += n)
                samples[offset] = readSamples[offset];
            mask[p] = 255;
            if (_alpha is not null)
                Alpha[p] = OpaqueAlpha;
            filled++;
        }
        return filled;
    }

    /// <summary>All bands back to back, band-sequential.</summary>
    public Span<float> AllSamples => Samples.AsSpan(0, PixelCount * BandCount);

    /// <summary>
    /// 255 where the pixel holds data, 0 where it is nodata, masked, outside the source or (with an alpha band) not
    /// fully opaque.
    /// </summary>
    public Span<byte> Mask => (_mask ?? throw new ObjectDisposedException(nameof(RasterData))).AsSpan(0, PixelCount);

    /// <summary>Whether the pixels carry an alpha band's values (<see cref="Alpha"/>).</summary>
    public bool HasAlpha => _alpha is not null;

    /// <summary>
    /// The source's alpha band, 0..<see cref="OpaqueAlpha"/>, as rio-tiler's <c>alpha_mask</c> (reader.py <c>read</c>
    /// keeps the band's values in its data type): what a picture's alpha channel and the mask band of npy/GeoTIFF are
    /// made from, while <see cref="Mask"/> counts a pixel valid only where the alpha is opaque (rio-tiler's
    /// <c>alpha != opaque</c> is masked), so statistics, band math and mosaics leave partly transparent pixels out. Empty
    /// when <see cref="HasAlpha"/> is false.
    /// </summary>
    public Span<ushort> Alpha => _alpha is null ? default : _alpha.AsSpan(0, PixelCount);

    /// <summary>
    /// The alpha of an opaque pixel: 65535 for a 16-bit alpha band, whose values <see cref="Alpha"/> holds as they are,
    /// else 255 (an 8-bit alpha, or another type's scaled to 0..255).
    /// </summary>
    public ushort OpaqueAlpha { get; private set; } = byte.MaxValue;

    /// <summary>
    /// Gives the pixels an alpha band of the given opaque value (pooled, its values unset) and returns it; the existing
    /// one if any, which keeps its opaque value.
    /// </summary>
    public Span<ushort> AddAlpha(ushort opaque = byte.MaxValue)
    {
        ObjectDisposedException.ThrowIf(_mask is null, this);
        if (_alpha is null)
        {
            _alpha = ArrayPool<ushort>.Shared.Rent(Math.Max(1, PixelCount));
            OpaqueAlpha = opaque;
        }
        return Alpha;
    }

    private float[] Samples => _samples ?? throw new ObjectDisposedException(nameof(RasterData));

    public void Dispose()
    {
        if (_samples is { } samples)
            ArrayPool<float>.Shared.Return(samples);
        if (_mask is { } mask)
            ArrayPool<byte>.Shared.Return(mask);
        if (_alpha is { } alpha)
            ArrayPool<ushort>.Shared.Return(alpha);
        _samples = null;
        _mask = null;
        _alpha = null;
    }
}
