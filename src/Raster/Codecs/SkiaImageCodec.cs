using System.Buffers;
using SkiaSharp;

namespace OgcTiler.Raster.Codecs;

/// <summary>Decodes a JPEG or WEBP image with SkiaSharp into interleaved 8-bit samples (1, 3 or 4 per pixel).</summary>
internal static class SkiaImageCodec
{
    public static unsafe int Decode(ReadOnlySpan<byte> image, Span<byte> destination, in BlockFormat format, string name)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException($"{name} data is not a decodable image");
        var width = codec.Info.Width;
        var rows = Math.Min(codec.Info.Height, format.Rows);
        var gray = format.Samples == 1;
        var pixelBytes = gray ? 1 : 4;
        var info = new SKImageInfo(width, codec.Info.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        try
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(info, (IntPtr)p);
                if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                    throw new InvalidDataException($"{name} data could not be decoded: {result}");
            }
            return CopySamples(pixels, info.RowBytes, pixelBytes, width, rows, destination, format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private static int CopySamples(byte[] pixels, int rowBytes, int pixelBytes, int width, int rows, Span<byte> destination, in BlockFormat format)
    {
        var samples = format.Samples;
        if (samples > pixelBytes)
            throw new InvalidDataException($"image has {pixelBytes} components per pixel, the TIFF declares {samples}");
        var copyWidth = Math.Min(width, format.Width);
        var outRow = format.Width * samples;
        rows = Math.Min(rows, destination.Length / outRow);
        for (var y = 0; y < rows; y++)
        {
            var src = pixels.AsSpan(y * rowBytes, width * pixelBytes);
            var dst = destination.Slice(y * outRow, outRow);
            if (samples == pixelBytes)
            {
                src[..(copyWidth * samples)].CopyTo(dst);
                continue;
            }
            for (var x = 0; x < copyWidth; x++)
                src.Slice(x * pixelBytes, samples).CopyTo(dst[(x * samples)..]);
        }
        return rows * outRow;
    }
}
