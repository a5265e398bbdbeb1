using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// One-shot zlib-format DEFLATE of a whole buffer: with libdeflate (Debian <c>libdeflate0</c>) when it is installed,
/// about twice as fast as the runtime's zlib with smaller output at the same level; otherwise with the runtime's zlib.
/// </summary>
internal static unsafe class ZlibDeflate
{
    private const string LibraryName = "libdeflate.so.0";

    private static readonly Libdeflate? Native = Libdeflate.TryLoad();

    /// <summary>
    /// The libdeflate level used for each zlib level: the fastest whose output was no larger than zlib's on the load
    /// benchmark's tiles (bench/RESULTS.md, deflate-sweep); levels 7–9 are kept as they are.
    /// </summary>
    private static readonly int[] LibdeflateLevels = [0, 1, 1, 2, 3, 4, 5, 7, 8, 9];

    /// <summary>Whether libdeflate was found (otherwise the runtime's zlib compresses).</summary>
    public static bool UsesLibdeflate => Native is not null;

    /// <summary>Writes the zlib stream of <paramref name="input"/> at zlib level <paramref name="level"/> (0–9) to <paramref name="output"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> input, int level, Stream output)
    {
        if (Native is { } native)
            native.Compress(input, LibdeflateLevels[Math.Clamp(level, 0, 9)], output);
        else
            CompressWithZlib(input, level, output);
    }

    public static void CompressWithZlib(ReadOnlySpan<byte> input, int level, Stream output)
    {
        using var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
        zlib.Write(input);
    }

    /// <summary>libdeflate's compressor functions; compressors are not thread-safe, so each call rents one per level.</summary>
    private sealed class Libdeflate
    {
        private readonly delegate* unmanaged<int, nint> _alloc;
        private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint> _compress;
        private readonly delegate* unmanaged<nint, nuint, nuint> _bound;
        private readonly ConcurrentBag<nint>[] _compressors = Enumerable.Range(0, 13).Select(_ => new ConcurrentBag<nint>()).ToArray();

        private Libdeflate(nint library)
        {
            _alloc = (delegate* unmanaged<int, nint>)NativeLibrary.GetExport(library, "libdeflate_alloc_compressor");
            _compress = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_zlib_compress");
            _bound = (delegate* unmanaged<nint, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_zlib_compress_bound");
        }

        public static Libdeflate? TryLoad() =>
            NativeLibrary.TryLoad(LibraryName, out var library) ? new Libdeflate(library) : null;

        public void Compress(ReadOnlySpan<byte> input, int level, Stream output)
        {
            if (!_compressors[level].TryTake(out var compressor))
                compressor = _alloc(level);
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
    }
}
