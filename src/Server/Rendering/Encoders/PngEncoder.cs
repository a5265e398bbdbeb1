using System.Buffers;
using System.Buffers.Binary;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// A small PNG writer (grey, grey+alpha, RGB, RGBA at 8 or 16 bits per sample). Written by hand because SkiaSharp cannot write a
/// 2-channel grey+alpha PNG (half the bytes of RGBA for grey tiles) and to choose the filter and zlib level freely.
/// </summary>
internal sealed class PngEncoder(PngOptions options) : IImageEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public ImageFormat Format => ImageFormat.Png;

    public byte[] Encode(PixelImage image)
    {
        var stride = image.Stride;
        var filteredLength = (stride + 1) * image.Height;
        var filtered = ArrayPool<byte>.Shared.Rent(filteredLength);
        var written = ArrayPool<byte>.Shared.Rent(LargestPng(filteredLength));
        try
        {
            FilterRows(image, filtered);
            var output = new MemoryStream(written, 0, written.Length, writable: true, publiclyVisible: true);
            output.Write(Signature);
            WriteHeader(output, image);
            WriteImageData(output, filtered.AsSpan(0, filteredLength));
            WriteChunk(output, "IEND"u8, []);
            return written.AsSpan(0, (int)output.Position).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(filtered);
            ArrayPool<byte>.Shared.Return(written);
        }
    }

    /// <summary>
    /// The most a PNG of <paramref name="filteredLength"/> filtered bytes can take: zlib's worst case (stored blocks, the
    /// bound of deflateBound and libdeflate_zlib_compress_bound) and the chunks around it. The PNG is written into a
    /// pooled buffer of this size, so encoding allocates only the returned bytes.
    /// </summary>
    private static int LargestPng(int filteredLength) => filteredLength + filteredLength / 8 + filteredLength / 64 + 1024;

    private void FilterRows(PixelImage image, byte[] filtered)
    {
        var pixels = image.Pixels;
        var stride = image.Stride;
        for (var y = 0; y < image.Height; y++)
        {
            var row = pixels.Slice(y * stride, stride);
            var previous = y == 0 ? ReadOnlySpan<byte>.Empty : pixels.Slice((y - 1) * stride, stride);
            PngFilters.Apply(options.Filter, row, previous, image.PixelSize, filtered.AsSpan(y * (stride + 1), stride + 1));
        }
    }

    private static void WriteHeader(MemoryStream output, PixelImage image)
    {
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = (byte)image.BitDepth;
        header[9] = image.Channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (per-row filter bytes)
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);
    }

    private void WriteImageData(MemoryStream output, ReadOnlySpan<byte> filtered)
    {
        var start = output.Position;
        output.Write(stackalloc byte[8]); // length and type, filled in below
        ZlibDeflate.Compress(filtered, options.ZlibLevel, output);
        var end = output.Position;
        var buffer = output.GetBuffer().AsSpan((int)start, (int)(end - start));
        BinaryPrimitives.WriteInt32BigEndian(buffer, (int)(end - start - 8));
        "IDAT"u8.CopyTo(buffer[4..]);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(buffer[4..]));
        output.Write(crc);
    }

    private static void WriteChunk(MemoryStream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> scratch = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(scratch, data.Length);
        output.Write(scratch);
        var start = (int)output.Position;
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(scratch, Crc32.Compute(output.GetBuffer().AsSpan(start, type.Length + data.Length)));
        output.Write(scratch);
    }
}
