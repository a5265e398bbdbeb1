using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// Band-sequential arrays for the data formats (npy, GeoTIFF), as rio-tiler's <c>render</c> writes them: the data
/// bands in their data type, then (unless return_mask=false) the mask, 0 or 255 or an alpha band's values (rio-tiler's
/// <c>ImageData.mask</c>, the alpha_mask when there is one: a 16-bit alpha as it is, 30000 stays 30000), as one more
/// band of that type.
/// </summary>
internal sealed class DataBands
{
    private readonly float[] _values;
    private readonly ushort[] _mask;
    private readonly ushort _opaque;

    private DataBands(int width, int height, int dataBands, bool hasMask, RasterDataType type, float[] values, ushort[] mask, ushort opaque)
    {
        Width = width;
        Height = height;
        DataBandCount = dataBands;
        HasMask = hasMask;
        Type = type;
        _values = values;
        _mask = mask;
        _opaque = opaque;
    }

    public int Width { get; }

    public int Height { get; }

    public int DataBandCount { get; }

    /// <summary>Data bands plus the mask band when it is written.</summary>
    public int Count => DataBandCount + (HasMask ? 1 : 0);

    /// <summary>Whether the mask is written as the last band.</summary>
    public bool HasMask { get; }

    public RasterDataType Type { get; }

    /// <summary>Whether some pixel is masked (the mask is known even when it is not written).</summary>
    public bool MasksSomething => _mask.AsSpan().IndexOfAnyExcept(_opaque) >= 0;

    public int BytesPerSample => Type switch
    {
        RasterDataType.UInt8 or RasterDataType.Int8 => 1,
        RasterDataType.UInt16 or RasterDataType.Int16 => 2,
        RasterDataType.Float64 => 8,
        _ => 4,
    };

    public bool IsFloat => Type is RasterDataType.Float32 or RasterDataType.Float64;

    /// <summary>The values as read, in <paramref name="type"/>, with the alpha band's values or the mask.</summary>
    public static DataBands FromValues(RasterData data, RasterDataType type, bool withMask) => data.HasAlpha
        ? new(data.Width, data.Height, data.BandCount, withMask, type, data.AllSamples.ToArray(), data.Alpha.ToArray(), data.OpaqueAlpha)
        : new(data.Width, data.Height, data.BandCount, withMask, type, data.AllSamples.ToArray(), Widen(data.Mask), byte.MaxValue);

    /// <summary>The colour channels of <paramref name="image"/> (its alpha dropped) as uint8, and <paramref name="mask"/>.</summary>
    public static DataBands FromPicture(PixelImage image, ReadOnlySpan<byte> mask, bool withMask)
    {
        var colours = image.HasAlpha ? image.Channels - 1 : image.Channels;
        var plane = image.Width * image.Height;
        var values = new float[colours * plane];
        var pixels = image.Pixels;
        for (var c = 0; c < colours; c++)
        {
            for (var i = 0; i < plane; i++)
                values[c * plane + i] = pixels[i * image.Channels + c];
        }
        return new DataBands(image.Width, image.Height, colours, withMask, RasterDataType.UInt8, values, Widen(mask), byte.MaxValue);
    }

    private static ushort[] Widen(ReadOnlySpan<byte> mask)
    {
        var wide = new ushort[mask.Length];
        for (var i = 0; i < mask.Length; i++)
            wide[i] = mask[i];
        return wide;
    }

    /// <summary>
    /// One band (the mask after the data bands) as little-endian samples of <see cref="Type"/>; integer types saturate
    /// (NaN gives 0). <paramref name="masked"/>, when given, replaces the data samples where the mask is 0.
    /// </summary>
    public byte[] SampleBytes(int band, float? masked = null)
    {
        var plane = Width * Height;
        ReadOnlySpan<float> values;
        if (band == DataBandCount)
        {
            var mask = new float[plane];
            for (var i = 0; i < plane; i++)
                mask[i] = _mask[i];
            values = mask;
        }
        else if (masked is { } fill)
        {
            var copy = _values.AsSpan(band * plane, plane).ToArray();
            for (var i = 0; i < copy.Length; i++)
            {
                if (_mask[i] == 0)
                    copy[i] = fill;
            }
            values = copy;
        }
        else
        {
            values = _values.AsSpan(band * plane, plane);
        }
        var bytes = new byte[values.Length * BytesPerSample];
        switch (Type)
        {
            case RasterDataType.UInt8: Convert(values, bytes, byte.MinValue, byte.MaxValue, static (t, v) => t[0] = (byte)v); break;
            case RasterDataType.Int8: Convert(values, bytes, sbyte.MinValue, sbyte.MaxValue, static (t, v) => t[0] = (byte)(sbyte)v); break;
            case RasterDataType.UInt16: Convert(values, bytes, ushort.MinValue, ushort.MaxValue, static (t, v) => BinaryPrimitives.WriteUInt16LittleEndian(t, (ushort)v)); break;
            case RasterDataType.Int16: Convert(values, bytes, short.MinValue, short.MaxValue, static (t, v) => BinaryPrimitives.WriteInt16LittleEndian(t, (short)v)); break;
            case RasterDataType.UInt32: Convert(values, bytes, uint.MinValue, uint.MaxValue, static (t, v) => BinaryPrimitives.WriteUInt32LittleEndian(t, (uint)v)); break;
            case RasterDataType.Int32: Convert(values, bytes, int.MinValue, int.MaxValue, static (t, v) => BinaryPrimitives.WriteInt32LittleEndian(t, (int)v)); break;
            case RasterDataType.Float32: MemoryMarshal.AsBytes(values).CopyTo(bytes); break;
            default:
                for (var i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
                break;
        }
        return bytes;
    }

    private delegate void SampleWriter(Span<byte> target, double value);

    private static void Convert(ReadOnlySpan<float> values, byte[] bytes, double min, double max, SampleWriter write)
    {
        var size = bytes.Length / Math.Max(1, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            write(bytes.AsSpan(i * size, size), float.IsNaN(v) ? 0 : Math.Clamp(v, min, max));
        }
    }
}
