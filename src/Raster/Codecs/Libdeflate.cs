using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace OgcTiler.Raster.Codecs;

/// <summary>
/// Debian's libdeflate (<c>libdeflate0</c>) through P/Invoke: one-shot zlib-format DEFLATE and inflate of whole
/// buffers, faster than the runtime's zlib-ng at both (bench/RESULTS.md). <see cref="Instance"/> is null when the
/// library is not installed; callers then use the runtime's zlib.
/// </summary>
public sealed unsafe class Libdeflate
{
    private const string LibraryName = "libdeflate.so.0";
    private const int Success = 0;

    private readonly delegate* unmanaged<int, nint> _allocCompressor;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint> _compress;
    private readonly delegate* unmanaged<nint, nuint, nuint> _bound;
    private readonly delegate* unmanaged<nint> _allocDecompressor;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int> _decompress;

    // libdeflate's compressors and decompressors are not thread-safe: each call rents one (compressors per level)
    private readonly ConcurrentBag<nint>[] _compressors = [.. Enumerable.Range(0, 13).Select(_ => new ConcurrentBag<nint>())];
    private readonly ConcurrentBag<nint> _decompressors = [];

    private Libdeflate(nint library)
    {
        _allocCompressor = (delegate* unmanaged<int, nint>)NativeLibrary.GetExport(library, "libdeflate_alloc_compressor");
        _compress = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_zlib_compress");
        _bound = (delegate* unmanaged<nint, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_zlib_compress_bound");
        _allocDecompressor = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "libdeflate_alloc_decompressor");
        _decompress = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, int>)NativeLibrary.GetExport(library, "libdeflate_zlib_decompress");
    }

    /// <summary>The loaded library, or null when <c>libdeflate.so.0</c> is not installed.</summary>
    public static Libdeflate? Instance { get; } = NativeLibrary.TryLoad(LibraryName, out var library) ? new Libdeflate(library) : null;

    /// <summary>Appends the zlib stream of <paramref name="input"/> at libdeflate level <paramref name="level"/> (0–12) to <paramref name="output"/>.</summary>
    public void ZlibCompress(ReadOnlySpan<byte> input, int level, Stream output)
    {
        if (!_compressors[level].TryTake(out var compressor))
            compressor = _allocCompressor(level);
        if (compressor == 0)
            throw new OutOfMemoryException($"libdeflate could not allocate a level-{level} compressor");
        var buffer = ArrayPool<byte>.Shared.Rent((int)_bound(compressor, (nuint)input.Length));
        try
        {
            nuint written;
            fixed (byte* from = input)
            fixed (byte* to = buffer)
                written = _compress(compressor, from, (nuint)input.Length, to, (nuint)buffer.Length);
            output.Write(buffer, 0, (int)written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _compressors[level].Add(compressor);
        }
    }

    /// <summary>
    /// Inflates the zlib stream <paramref name="source"/> into <paramref name="destination"/> and returns the bytes
    /// written; null when libdeflate cannot (bad data, or more output than <paramref name="destination"/> holds), so
    /// the caller's zlib decides what that means as before.
    /// </summary>
    public int? ZlibDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!_decompressors.TryTake(out var decompressor))
            decompressor = _allocDecompressor();
        if (decompressor == 0)
            throw new OutOfMemoryException("libdeflate could not allocate a decompressor");
        try
        {
            nuint written;
            int result;
            fixed (byte* from = source)
            fixed (byte* to = destination)
                result = _decompress(decompressor, from, (nuint)source.Length, to, (nuint)destination.Length, &written);
            return result == Success ? (int)written : null;
        }
        finally
        {
            _decompressors.Add(decompressor);
        }
    }
}
