using System.Buffers;
using System.Buffers.Binary;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// Pixels → picture: rescale, color formula, colormap, mask as alpha. One band gives grey, three give RGB,
/// a colormap gives RGBA; with <c>return_mask</c> the mask is the alpha channel, or for a source with an alpha band
/// that band's values (rio-tiler's alpha_mask, kept through rescale and color formulas, a 16-bit one as
/// <see cref="AlphaBytes"/> and <see cref="ComposeUInt16"/> map it, while a colormap draws from
/// validity and its own alpha, as rio-tiler's apply_colormap ignores the alpha_mask) (JPEG then drops it; the pipeline
/// decides whether a fully valid picture carries it, see <see cref="RenderRequest.AlphaWhenOpaque"/>). Without rescale, values of
/// a data type other than uint8 are stretched from the dataset's recorded statistics when every band has them,
/// otherwise from the type's range, as rio-tiler does for 8-bit formats.
/// </summary>
internal static class ImageComposer
{
    /// <param name="statistics">The dataset's minimum and maximum of each band of <paramref name="data"/>, or null.</param>
    public static PixelImage Compose(
        RasterData data, RenderOptions options, IColorOperation? formula, IColormap? colormap, RasterDataType valueType,
        IReadOnlyList<ValueRange>? statistics)
    {
        if (colormap is not null)
            return ComposeColormap(data, options, colormap);
        RequireGreyOrRgb(data);
        if (formula is not null)
            return ComposeFormula(data, options, formula, valueType);
        var alpha = options.ReturnMask;
        var colours = data.BandCount;
        var image = new PixelImage(data.Width, data.Height, colours + (alpha ? 1 : 0));
        var rescaled = options.Rescale is { Count: > 0 };
        var stretch = !rescaled && valueType != RasterDataType.UInt8;
        var alphaBytes = data.HasAlpha ? ArrayPool<byte>.Shared.Rent(data.PixelCount) : null;
        try
        {
            ReadOnlySpan<byte> opacity = alphaBytes is null ? data.Mask : AlphaBytes(data, scaled: rescaled, alphaBytes);
            for (var c = 0; c < colours; c++)
            {
                if (stretch)
                    Rescaler.DataTypeToBytes(data.Band(c), opacity, StretchRange(valueType, statistics, c), image.Pixels[c..], image.Channels);
                else
                    Rescaler.ToBytes(data.Band(c), Rescaler.RangeFor(options.Rescale, c, data.BandCount), image.Pixels[c..], image.Channels);
            }
            if (alpha)
                CopyMask(opacity, image.Pixels[colours..], image.Channels);
        }
        finally
        {
            if (alphaBytes is not null)
                ArrayPool<byte>.Shared.Return(alphaBytes);
        }
        return image;
    }

    /// <summary>
    /// The alpha of an 8-bit picture, or the mask band of one in npy/GeoTIFF, from an alpha band's values: an 8-bit alpha
    /// as it is; a 16-bit alpha scaled to 8 bits, truncated, when <paramref name="scaled"/> (rescale or a color formula:
    /// models.py ImageData.rescale and apply_color_formula, linear_rescale from the type's range, 30000 gives 116), else
    /// its low byte, as TiTiler's render_image hands the raw alpha to rio-tiler's render, which casts it to the picture's
    /// uint8 (utils.py render: <c>mask.astype(data.dtype)</c>; 30000 gives 48, 256 gives 0).
    /// </summary>
    internal static Span<byte> AlphaBytes(RasterData data, bool scaled, Span<byte> target)
    {
        var alpha = data.Alpha;
        var divisor = scaled && data.OpaqueAlpha == ushort.MaxValue ? 257 : 1;
        for (var i = 0; i < alpha.Length; i++)
            target[i] = (byte)(alpha[i] / divisor & 0xFF);
        return target[..alpha.Length];
    }

    /// <summary>
    /// uint16 values kept as they are in a 16-bit picture (rio-tiler's PNG of uint16 data), for requests without
    /// rescale, color formula or colormap. rio-tiler's render maps the mask with <c>linear_rescale(mask, (0, 255), (0,
    /// 65535))</c>, which clips first: the alpha is 0 where the mask is, else 65535, and from an alpha band its value ×257
    /// up to 255, 65535 above (a 16-bit raw alpha of 30000 gives 65535, 200 gives 51400).
    /// </summary>
    public static PixelImage ComposeUInt16(RasterData data, RenderOptions options)
    {
        RequireGreyOrRgb(data);
        var alpha = options.ReturnMask;
        var image = new PixelImage(data.Width, data.Height, data.BandCount + (alpha ? 1 : 0), 16);
        var pixels = image.Pixels;
        for (var b = 0; b < data.BandCount; b++)
        {
            var values = data.Band(b);
            for (int i = 0, o = 2 * b; i < values.Length; i++, o += image.PixelSize)
                BinaryPrimitives.WriteUInt16BigEndian(pixels[o..], ToUInt16(values[i]));
        }
        if (alpha && data.HasAlpha)
        {
            var values = data.Alpha;
            for (int i = 0, o = 2 * data.BandCount; i < values.Length; i++, o += image.PixelSize)
                BinaryPrimitives.WriteUInt16BigEndian(pixels[o..], (ushort)(Math.Min(values[i], (ushort)255) * 257));
        }
        else if (alpha)
        {
            var mask = data.Mask;
            for (int i = 0, o = 2 * data.BandCount; i < mask.Length; i++, o += image.PixelSize)
                pixels[o] = pixels[o + 1] = mask[i] == 0 ? (byte)0 : (byte)0xFF;
        }
        return image;
    }

    private static ushort ToUInt16(float value) =>
        value >= ushort.MaxValue ? ushort.MaxValue : value > 0 ? (ushort)MathF.Round(value) : (ushort)0; // NaN gives 0

    /// <summary>rio-tiler stretches the band's recorded statistics, else the type's whole range.</summary>
    private static ValueRange StretchRange(RasterDataType type, IReadOnlyList<ValueRange>? statistics, int band) =>
        statistics is { } bands && band < bands.Count ? bands[band] : DataTypeRanges.Of(type);

    private static void RequireGreyOrRgb(RasterData data)
    {
        if (data.BandCount is not (1 or 3))
            throw new InvalidParameterException("bidx", $"{data.BandCount} bands cannot be drawn as a picture: choose 1 (grey) or 3 (RGB) with bidx or expression");
    }

    private static PixelImage ComposeColormap(RasterData data, RenderOptions options, IColormap colormap)
    {
        if (data.BandCount != 1)
            throw new InvalidParameterException("colormap", $"a colormap needs exactly 1 band, the request gives {data.BandCount}");
        var values = ArrayPool<float>.Shared.Rent(data.PixelCount);
        var mask = ArrayPool<byte>.Shared.Rent(data.PixelCount);
        try
        {
            var source = data.Band(0);
            if (options.Rescale is { Count: > 0 })
                Rescaler.ToIndexes(source, options.Rescale[0], values);
            else
                source.CopyTo(values);
            data.Mask.CopyTo(mask);
            var image = new PixelImage(data.Width, data.Height, 4);
            image.Pixels.Clear();
            colormap.Apply(values.AsSpan(0, data.PixelCount), mask.AsSpan(0, data.PixelCount), image.Pixels);
            if (options.ReturnMask)
                MultiplyAlpha(mask.AsSpan(0, data.PixelCount), image.Pixels);
            return image;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<byte>.Shared.Return(mask);
        }
    }

    /// <summary>
    /// rio-tiler's apply_color_formula: the rescaled bytes / 255, or without rescale the values with negatives set to 0
    /// over the type's maximum (rio-color's to_math_type), in float64; the formula; its 8-bit result. One band stays
    /// grey (the formula sees it as R, G and B), three give RGB.
    /// </summary>
    private static PixelImage ComposeFormula(RasterData data, RenderOptions options, IColorOperation formula, RasterDataType valueType)
    {
        var n = data.PixelCount;
        var alpha = options.ReturnMask;
        var image = new PixelImage(data.Width, data.Height, data.BandCount + (alpha ? 1 : 0));
        var buffer = ArrayPool<double>.Shared.Rent(3 * n);
        var bytes = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var rgb = buffer.AsSpan(0, 3 * n);
            for (var c = 0; c < 3; c++)
                ToMathType(data, Math.Min(c, data.BandCount - 1), options, valueType, rgb.Slice(c * n, n), bytes.AsSpan(0, n));
            formula.Apply(rgb[..n], rgb.Slice(n, n), rgb.Slice(2 * n, n));
            var pixels = image.Pixels;
            for (var c = 0; c < data.BandCount; c++)
            {
                var channel = rgb.Slice(c * n, n);
                for (var i = 0; i < n; i++)
                    pixels[i * image.Channels + c] = (byte)Math.Clamp(channel[i] * 255 + 0.5, 0, 255);
            }
            if (alpha)
                CopyMask(data.HasAlpha ? AlphaBytes(data, scaled: true, bytes.AsSpan(0, n)) : data.Mask, pixels[data.BandCount..], image.Channels);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(bytes);
        }
        return image;
    }

    private static void ToMathType(RasterData data, int band, RenderOptions options, RasterDataType valueType, Span<double> target, Span<byte> scratch)
    {
        var values = data.Band(band);
        if (options.Rescale is { Count: > 0 })
        {
            Rescaler.ToBytes(values, Rescaler.RangeFor(options.Rescale, band, data.BandCount), scratch, 1);
            for (var i = 0; i < target.Length; i++)
                target[i] = scratch[i] / 255.0;
            return;
        }
        var max = DataTypeRanges.Of(valueType).Max;
        for (var i = 0; i < target.Length; i++)
            target[i] = values[i] > 0 ? Math.Min(values[i], max) / max : 0; // NaN gives 0
    }

    private static void CopyMask(ReadOnlySpan<byte> mask, Span<byte> output, int step)
    {
        for (int i = 0, o = 0; i < mask.Length; i++, o += step)
            output[o] = mask[i];
    }

    /// <summary>Pixels the mask marks invalid become fully transparent.</summary>
    private static void MultiplyAlpha(ReadOnlySpan<byte> mask, Span<byte> rgba)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 0)
                rgba[4 * i + 3] = 0;
        }
    }
}
