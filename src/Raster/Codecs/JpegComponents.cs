using System.Buffers;
using JpegLibrary;

namespace OgcTiler.Raster.Codecs;

/// <summary>
/// JPEG blocks of 2 or 4 components (GDAL's <c>COMPRESS=JPEG</c> of grey + alpha or RGB + alpha), decoded with
/// JpegLibrary into their raw components, as libtiff's JPEG codec hands them to GDAL. Skia would read 4 components
/// as CMYK and convert them to RGB.
/// </summary>
internal static class JpegComponents
{
    public static int Decode(ReadOnlyMemory<byte> image, Span<byte> destination, in BlockFormat format, string name)
    {
        var decoder = new JpegDecoder();
        decoder.SetInput(image);
        try
        {
            decoder.Identify();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name} data is not a decodable image: {e.Message}", e);
        }
        if (decoder.NumberOfComponents != format.Samples)
            throw new InvalidDataException($"image has {decoder.NumberOfComponents} components per pixel, the TIFF declares {format.Samples}");
        if (decoder.Precision != 8)
            throw new InvalidDataException($"{name} data has {decoder.Precision}-bit samples; 8-bit are supported");
        var rows = Math.Min(Math.Min(decoder.Height, format.Rows), destination.Length / (format.Width * format.Samples));
        var length = rows * format.Width * format.Samples;
        var samples = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            decoder.SetOutputWriter(new InterleavedWriter(samples, format.Width, rows, format.Samples, decoder));
            decoder.Decode();
            samples.AsSpan(0, length).CopyTo(destination);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(samples);
        }
    }

    /// <summary>Writes each decoded 8×8 block of one component into the interleaved block buffer, clamped to 0..255.</summary>
    private sealed class InterleavedWriter(byte[] samples, int width, int rows, int components, JpegDecoder decoder) : JpegBlockOutputWriter
    {
        private readonly int[] _stepX = Steps(decoder, components, horizontal: true);
        private readonly int[] _stepY = Steps(decoder, components, horizontal: false);

        public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            var (sx, sy) = (_stepX[componentIndex], _stepY[componentIndex]);
            var block = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref blockRef, 64);
            for (var by = 0; by < 8 * sy; by++)
            {
                var row = y + by;
                if (row >= rows)
                    break;
                for (var bx = 0; bx < 8 * sx; bx++)
                {
                    var col = x + bx;
                    if (col >= width)
                        break;
                    samples[(row * width + col) * components + componentIndex] = (byte)Math.Clamp((int)block[by / sy * 8 + bx / sx], 0, 255);
                }
            }
        }

        /// <summary>Output pixels per decoded sample of each component (2 for a chroma-subsampled one).</summary>
        private static int[] Steps(JpegDecoder decoder, int components, bool horizontal)
        {
            var max = horizontal ? decoder.GetMaximumHorizontalSampling() : decoder.GetMaximumVerticalSampling();
            var steps = new int[components];
            for (var c = 0; c < components; c++)
                steps[c] = max / (horizontal ? decoder.GetHorizontalSampling(c) : decoder.GetVerticalSampling(c));
            return steps;
        }
    }
}
