using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiff;

/// <summary>Byte order fixes and splitting of decoded samples into planes of their type.</summary>
internal static class SampleConverter
{
    public static void SwapToNative(Span<byte> data, int bytesPerSample)
    {
        switch (bytesPerSample)
        {
            case 2: var u16 = MemoryMarshal.Cast<byte, ushort>(data); BinaryPrimitives.ReverseEndianness(u16, u16); break;
            case 4: var u32 = MemoryMarshal.Cast<byte, uint>(data); BinaryPrimitives.ReverseEndianness(u32, u32); break;
            case 8: var u64 = MemoryMarshal.Cast<byte, ulong>(data); BinaryPrimitives.ReverseEndianness(u64, u64); break;
        }
    }

    /// <summary>
    /// Copies sample <paramref name="sample"/> of every pixel (interleaved <paramref name="stride"/> per pixel) from
    /// rows of native samples of <paramref name="type"/>, <paramref name="bytesPerSample"/> bytes each, into
    /// <paramref name="output"/> (width × rows). The output type is the stored type, or float32 for floats of 16 or 64
    /// bits (GDAL reads 16-bit floats as float32 too).
    /// </summary>
    public static void Deinterleave<T>(ReadOnlySpan<byte> data, RasterDataType type, int bytesPerSample, int width, int rows, int stride, int sample, Span<T> output)
        where T : unmanaged, INumberBase<T>
    {
        var isFloat = type is RasterDataType.Float32 or RasterDataType.Float64;
        if (isFloat && bytesPerSample == 2)
            Copy(MemoryMarshal.Cast<byte, Half>(data), width, rows, stride, sample, output);
        else if (isFloat && bytesPerSample == 8 && typeof(T) != typeof(double))
            Copy(MemoryMarshal.Cast<byte, double>(data), width, rows, stride, sample, output);
        else
            Copy(MemoryMarshal.Cast<byte, T>(data), width, rows, stride, sample, output);
    }

    private static void Copy<TFrom, T>(ReadOnlySpan<TFrom> src, int width, int rows, int stride, int sample, Span<T> output)
        where TFrom : unmanaged, INumberBase<TFrom>
        where T : unmanaged, INumberBase<T>
    {
        var count = Math.Min(width * rows, (src.Length - sample + stride - 1) / stride);
        if (stride == 1 && typeof(TFrom) == typeof(T))
        {
            MemoryMarshal.Cast<TFrom, T>(src[..count]).CopyTo(output);
            return;
        }
        for (var i = 0; i < count; i++)
            output[i] = T.CreateTruncating(src[i * stride + sample]);
    }

    /// <summary>
    /// Reads sample <paramref name="sample"/> of every pixel from rows of samples packed at <paramref name="bits"/>
    /// bits (1 to 32, most significant bit first, rows padded to a byte, as TIFF stores NBITS data).
    /// </summary>
    public static void UnpackBits<T>(ReadOnlySpan<byte> data, int bits, int rowBytes, int width, int rows, int stride, int sample, Span<T> output)
        where T : unmanaged, INumberBase<T>
    {
        rows = Math.Min(rows, data.Length / rowBytes);
        for (var y = 0; y < rows; y++)
        {
            var row = data.Slice(y * rowBytes, rowBytes);
            var outRow = output.Slice(y * width, width);
            var position = (long)sample * bits;
            for (var x = 0; x < width; x++, position += (long)stride * bits)
                outRow[x] = T.CreateTruncating(ReadBits(row, position, bits));
        }
    }

    private static uint ReadBits(ReadOnlySpan<byte> row, long position, int bits)
    {
        var first = (int)(position >> 3);
        ulong chunk = 0;
        for (var i = 0; i < 5 && first + i < row.Length; i++)
            chunk |= (ulong)row[first + i] << (56 - 8 * i);
        return (uint)((chunk << (int)(position & 7)) >> (64 - bits));
    }

    /// <summary>Unpacks a 1-bit mask (rows padded to a byte, 1 = valid) into 255/0 bytes.</summary>
    public static void UnpackMask(ReadOnlySpan<byte> bits, int width, int rows, Span<byte> output)
    {
        var rowBytes = (width + 7) / 8;
        rows = Math.Min(rows, bits.Length / rowBytes);
        for (var y = 0; y < rows; y++)
        {
            var row = bits.Slice(y * rowBytes, rowBytes);
            var outRow = output.Slice(y * width, width);
            for (var x = 0; x < width; x++)
                outRow[x] = (row[x >> 3] & (0x80 >> (x & 7))) != 0 ? (byte)255 : (byte)0;
        }
    }
}
