using SkiaSharp;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>JPEG through SkiaSharp: grey stays 1-channel; alpha is dropped (JPEG has none).</summary>
internal sealed class JpegEncoder(int quality) : IImageEncoder
{
    public ImageFormat Format => ImageFormat.Jpeg;

    public byte[] Encode(PixelImage image)
    {
        SkiaPixels.RequireEightBits(image);
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        if (image.Channels <= 2)
        {
            using var grey = SkiaPixels.ToGrey(image);
            return SkiaPixels.Encode(grey, SKColorType.Gray8, SKAlphaType.Opaque, p => p.Encode(options));
        }
        using var rgba = SkiaPixels.ToRgba(image);
        return SkiaPixels.Encode(rgba, SKColorType.Rgba8888, SKAlphaType.Unpremul, p => p.Encode(options));
    }
}

/// <summary>Lossy WebP through SkiaSharp, with alpha.</summary>
internal sealed class WebpEncoder(int quality) : IImageEncoder
{
    public ImageFormat Format => ImageFormat.Webp;

    public byte[] Encode(PixelImage image)
    {
        SkiaPixels.RequireEightBits(image);
        var options = new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality);
        using var rgba = SkiaPixels.ToRgba(image);
        return SkiaPixels.Encode(rgba, SKColorType.Rgba8888, SKAlphaType.Unpremul, p => p.Encode(options));
    }
}

internal static class SkiaPixels
{
    /// <summary>The pipeline stretches other data types to 8 bits for these formats (see <see cref="DataTypeRanges"/>).</summary>
    public static void RequireEightBits(PixelImage image)
    {
        if (image.BitDepth != 8)
            throw new InvalidOperationException($"JPEG and WebP take 8-bit pictures, not {image.BitDepth}-bit");
    }

    public static unsafe byte[] Encode(PixelImage image, SKColorType colorType, SKAlphaType alphaType, Func<SKPixmap, SKData?> encode)
    {
        var info = new SKImageInfo(image.Width, image.Height, colorType, alphaType);
        fixed (byte* pixels = image.Buffer)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)pixels, image.Stride);
            using var data = encode(pixmap) ?? throw new InvalidOperationException($"SkiaSharp could not encode a {colorType} image");
            return data.ToArray();
        }
    }

    /// <summary>The image itself when it is RGBA, otherwise a 4-channel copy (alpha 255 when the image has none).</summary>
    public static PixelImage ToRgba(PixelImage image)
    {
        var rgba = new PixelImage(image.Width, image.Height, 4);
        var src = image.Pixels;
        var dst = rgba.Pixels;
        var n = image.Width * image.Height;
        for (var i = 0; i < n; i++)
        {
            switch (image.Channels)
            {
                case 1: dst[4 * i] = dst[4 * i + 1] = dst[4 * i + 2] = src[i]; dst[4 * i + 3] = 255; break;
                case 2: dst[4 * i] = dst[4 * i + 1] = dst[4 * i + 2] = src[2 * i]; dst[4 * i + 3] = src[2 * i + 1]; break;
                case 3: dst[4 * i] = src[3 * i]; dst[4 * i + 1] = src[3 * i + 1]; dst[4 * i + 2] = src[3 * i + 2]; dst[4 * i + 3] = 255; break;
                default: src.Slice(4 * i, 4).CopyTo(dst.Slice(4 * i, 4)); break;
            }
        }
        return rgba;
    }

    /// <summary>The grey channel of a grey or grey+alpha image.</summary>
    public static PixelImage ToGrey(PixelImage image)
    {
        var grey = new PixelImage(image.Width, image.Height, 1);
        var src = image.Pixels;
        var dst = grey.Pixels;
        for (var i = 0; i < dst.Length; i++)
            dst[i] = src[i * image.Channels];
        return grey;
    }
}
