using System.Buffers;
using System.Buffers.Binary;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// Pixels → picture: rescale, color formula, colormap, mask as alpha. One band gives grey, three give RGB,
/// a colormap gives RGBA; the alpha channel is added only when some pixel is masked. Without rescale, values of
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
        var alpha = options.ReturnMask && HasMaskedPixel(data.Mask);
        var colours = formula is null ? data.BandCount : 3;
        var image = new PixelImage(data.Width, data.Height, colours + (alpha ? 1 : 0));
        var stretch = options.Rescale is null or { Count: 0 } && valueType != RasterDataType.UInt8;
        for (var c = 0; c < colours; c++)
        {
            var band = Math.Min(c, data.BandCount - 1);
            if (stretch)
                Rescaler.DataTypeToBytes(data.Band(band), data.Mask, StretchRange(valueType, formula, statistics, band), image.Pixels[c..], image.Channels);
            else
                Rescaler.ToBytes(data.Band(band), Rescaler.RangeFor(options.Rescale, band, data.BandCount), image.Pixels[c..], image.Channels);
        }
        if (formula is not null)
            ApplyFormula(image, formula);
        if (alpha)
            CopyMask(data.Mask, image.Pixels[colours..], image.Channels);
        return image;
    }

    /// <summary>
    /// uint16 values kept as they are in a 16-bit picture (rio-tiler's PNG of uint16 data), the mask as alpha 0 or
    /// 65535; for requests without rescale, color formula or colormap.
    /// </summary>
    public static PixelImage ComposeUInt16(RasterData data, RenderOptions options)
    {
        RequireGreyOrRgb(data);
        var alpha = options.ReturnMask && HasMaskedPixel(data.Mask);
        var image = new PixelImage(data.Width, data.Height, data.BandCount + (alpha ? 1 : 0), 16);
        var pixels = image.Pixels;
        for (var b = 0; b < data.BandCount; b++)
        {
            var values = data.Band(b);
            for (int i = 0, o = 2 * b; i < values.Length; i++, o += image.PixelSize)
                BinaryPrimitives.WriteUInt16BigEndian(pixels[o..], ToUInt16(values[i]));
        }
        if (alpha)
        {
            var mask = data.Mask;
            for (int i = 0, o = 2 * data.BandCount; i < mask.Length; i++, o += image.PixelSize)
                pixels[o] = pixels[o + 1] = mask[i]; // 255 → 0xFFFF, 0 → 0
        }
        return image;
    }

    private static ushort ToUInt16(float value) =>
        value >= ushort.MaxValue ? ushort.MaxValue : value > 0 ? (ushort)MathF.Round(value) : (ushort)0; // NaN gives 0

    /// <summary>
    /// rio-tiler stretches the band's recorded statistics, else the type's whole range; before a color formula,
    /// rio-color divides by the type's maximum after setting negative values to 0.
    /// </summary>
    private static ValueRange StretchRange(RasterDataType type, IColorOperation? formula, IReadOnlyList<ValueRange>? statistics, int band)
    {
        var range = DataTypeRanges.Of(type);
        if (formula is not null)
            return new ValueRange(0, range.Max);
        return statistics is { } bands && band < bands.Count ? bands[band] : range;
    }

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

    /// <summary>rio-color works on 0..1 floats of R, G and B.</summary>
    private static void ApplyFormula(PixelImage image, IColorOperation formula)
    {
        var n = image.Width * image.Height;
        var buffer = ArrayPool<float>.Shared.Rent(3 * n);
        try
        {
            var rgb = buffer.AsSpan(0, 3 * n);
            var pixels = image.Pixels;
            for (var c = 0; c < 3; c++)
            {
                for (var i = 0; i < n; i++)
                    rgb[c * n + i] = pixels[i * image.Channels + c] / 255f;
            }
            formula.Apply(rgb[..n], rgb.Slice(n, n), rgb.Slice(2 * n, n));
            for (var c = 0; c < 3; c++)
            {
                for (var i = 0; i < n; i++)
                    pixels[i * image.Channels + c] = (byte)Math.Clamp(rgb[c * n + i] * 255f + 0.5f, 0f, 255f);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static bool HasMaskedPixel(ReadOnlySpan<byte> mask) => mask.IndexOfAnyExcept((byte)255) >= 0;

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
