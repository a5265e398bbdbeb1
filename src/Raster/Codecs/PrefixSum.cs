using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OgcTiler.Raster.Codecs;

/// <summary>
/// Running sums of a row in place (undoing predictor 2 for one sample per pixel), 8 or 16 lanes at a time: within a
/// vector by log-step lane shifts, across vectors by broadcasting the last lane. Wrapping arithmetic, as in libtiff.
/// </summary>
internal static class PrefixSum
{
    public static bool IsAccelerated => Ssse3.IsSupported;

    public static void InPlace(Span<ushort> row)
    {
        ref var start = ref MemoryMarshal.GetReference(row);
        var carry = Vector128<ushort>.Zero;
        var broadcastLast = Vector128.Create((byte)14, 15, 14, 15, 14, 15, 14, 15, 14, 15, 14, 15, 14, 15, 14, 15);
        var i = 0;
        for (; i + 8 <= row.Length; i += 8)
        {
            var v = Vector128.LoadUnsafe(ref start, (nuint)i);
            v += Sse2.ShiftLeftLogical128BitLane(v, 2);
            v += Sse2.ShiftLeftLogical128BitLane(v, 4);
            v += Sse2.ShiftLeftLogical128BitLane(v, 8);
            v += carry;
            v.StoreUnsafe(ref start, (nuint)i);
            carry = Ssse3.Shuffle(v.AsByte(), broadcastLast).AsUInt16();
        }
        var sum = carry.GetElement(0);
        for (; i < row.Length; i++)
            Unsafe.Add(ref start, i) = sum += Unsafe.Add(ref start, i);
    }

    public static void InPlace(Span<byte> row)
    {
        ref var start = ref MemoryMarshal.GetReference(row);
        var carry = Vector128<byte>.Zero;
        var broadcastLast = Vector128.Create((byte)15);
        var i = 0;
        for (; i + 16 <= row.Length; i += 16)
        {
            var v = Vector128.LoadUnsafe(ref start, (nuint)i);
            v += Sse2.ShiftLeftLogical128BitLane(v, 1);
            v += Sse2.ShiftLeftLogical128BitLane(v, 2);
            v += Sse2.ShiftLeftLogical128BitLane(v, 4);
            v += Sse2.ShiftLeftLogical128BitLane(v, 8);
            v += carry;
            v.StoreUnsafe(ref start, (nuint)i);
            carry = Ssse3.Shuffle(v, broadcastLast);
        }
        var sum = carry.GetElement(0);
        for (; i < row.Length; i++)
            Unsafe.Add(ref start, i) = sum += Unsafe.Add(ref start, i);
    }
}
