using System.Buffers;
using System.Runtime.InteropServices;

namespace OgcTiler.Raster.Codecs;

/// <summary>
/// LERC (TIFF compression 34887) through Debian's liblerc4, optionally wrapped in DEFLATE or ZSTD as the
/// LercParameters tag says. The decoded samples are native-endian and pixel-interleaved, as a TIFF chunky block.
/// </summary>
internal sealed class LercCodec : ICodec
{
    public const int WrapNone = 0, WrapDeflate = 1, WrapZstd = 2;

    private readonly DeflateCodec _deflate = new();
    private readonly ZstdCodec _zstd = new();

    public string Name => "LERC";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        if (format.LercWrapping == WrapNone)
            return DecodeBlob(source.Span, destination, format);
        var unwrapped = ArrayPool<byte>.Shared.Rent(destination.Length * 2 + 4096);
        try
        {
            var length = format.LercWrapping switch
            {
                WrapDeflate => _deflate.Decode(source, unwrapped, format),
                WrapZstd => _zstd.Decode(source, unwrapped, format),
                var other => throw new InvalidDataException($"LercParameters names additional compression {other}, expected 0 (none), 1 (DEFLATE) or 2 (ZSTD)"),
            };
            return DecodeBlob(unwrapped.AsSpan(0, length), destination, format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unwrapped);
        }
    }

    private static int DecodeBlob(ReadOnlySpan<byte> blob, Span<byte> destination, in BlockFormat format)
    {
        var info = BlobInfo(blob);
        var (type, dims, cols, rows, bands, masks) = ((int)info[1], (int)info[2], (int)info[3], (int)info[4], (int)info[5], (int)info[8]);
        var sampleBytes = SampleBytes(type);
        if (cols != format.Width || dims != format.Samples || bands != 1 || rows > format.Rows || rows * (long)cols * dims * sampleBytes > destination.Length)
            throw new InvalidDataException($"LERC blob is {cols}×{rows}, {dims} values per pixel, {bands} bands; the block is {format.Width}×{format.Rows} with {format.Samples} samples");
        var bytes = rows * cols * dims * sampleBytes;
        var valid = masks > 0 ? new byte[cols * rows * masks] : [];
        Check(Lerc.Decode(ref MemoryMarshal.GetReference(blob), (uint)blob.Length, masks, ref MemoryMarshal.GetArrayDataReference(valid),
            dims, cols, rows, 1, (uint)type, ref MemoryMarshal.GetReference(destination)), "lerc_decode");
        if (masks > 0)
            MarkInvalid(destination[..bytes], type, dims, valid.AsSpan(0, cols * rows));
        return bytes;
    }

    /// <summary>GDAL writes a LERC mask only for floating-point NaNs: invalid pixels read back as NaN.</summary>
    private static void MarkInvalid(Span<byte> data, int type, int dims, ReadOnlySpan<byte> valid)
    {
        if (type == 6)
            Fill(MemoryMarshal.Cast<byte, float>(data), dims, valid, float.NaN);
        else if (type == 7)
            Fill(MemoryMarshal.Cast<byte, double>(data), dims, valid, double.NaN);
    }

    private static void Fill<T>(Span<T> data, int dims, ReadOnlySpan<byte> valid, T value)
    {
        for (var i = 0; i < valid.Length; i++)
            if (valid[i] == 0)
                data.Slice(i * dims, dims).Fill(value);
    }

    private static uint[] BlobInfo(ReadOnlySpan<byte> blob)
    {
        var info = new uint[9];
        var ranges = new double[3];
        Check(Lerc.GetBlobInfo(ref MemoryMarshal.GetReference(blob), (uint)blob.Length, ref info[0], ref ranges[0], info.Length, ranges.Length), "lerc_getBlobInfo");
        return info;
    }

    private static int SampleBytes(int lercType) => lercType switch
    {
        0 or 1 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        7 => 8,
        _ => throw new InvalidDataException($"LERC data type {lercType} is unknown"),
    };

    private static void Check(int status, string call)
    {
        if (status != 0)
            throw new InvalidDataException($"{call} failed with status {status}");
    }
}

/// <summary>The two calls of liblerc's C API the reader needs.</summary>
internal static partial class Lerc
{
    private const string Library = "libLerc.so.4";

    private static readonly Lazy<bool> Loadable = new(() => NativeLibrary.TryLoad(Library, out _));

    /// <summary>False when liblerc is not installed: LERC files are then refused when opened.</summary>
    public static bool IsAvailable => Loadable.Value;

    public static int GetBlobInfo(ref byte blob, uint blobSize, ref uint info, ref double ranges, int infoSize, int rangesSize) =>
        lerc_getBlobInfo(ref blob, blobSize, ref info, ref ranges, infoSize, rangesSize);

    public static int Decode(ref byte blob, uint blobSize, int masks, ref byte valid, int dims, int cols, int rows, int bands, uint type, ref byte data) =>
        lerc_decode(ref blob, blobSize, masks, ref valid, dims, cols, rows, bands, type, ref data);

    [LibraryImport(Library)]
    private static partial int lerc_getBlobInfo(ref byte blob, uint blobSize, ref uint info, ref double ranges, int infoSize, int rangesSize);

    [LibraryImport(Library)]
    private static partial int lerc_decode(ref byte blob, uint blobSize, int masks, ref byte valid, int dims, int cols, int rows, int bands, uint type, ref byte data);
}
