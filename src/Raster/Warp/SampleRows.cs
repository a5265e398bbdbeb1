using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OgcTiler.Raster.Warp;

/// <summary>Conversion of a row of native samples to float32, vectorised for the common 8- and 16-bit types.</summary>
internal static class SampleRows
{
    /// <summary>Converts <paramref name="source"/> to float32 as <c>float.CreateTruncating</c> does, into <paramref name="target"/>.</summary>
    public static void ToFloat<T>(ReadOnlySpan<T> source, Span<float> target) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(float))
            MemoryMarshal.Cast<T, float>(source).CopyTo(target);
        else if (typeof(T) == typeof(ushort))
            FromUInt16(MemoryMarshal.Cast<T, ushort>(source), target);
        else if (typeof(T) == typeof(byte))
            FromByte(MemoryMarshal.Cast<T, byte>(source), target);
        else
            Scalar(source, target, 0);
    }

    private static void FromUInt16(ReadOnlySpan<ushort> source, Span<float> target)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && target.Length >= source.Length)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; i <= source.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)i));
                Vector256.ConvertToSingle(lower).StoreUnsafe(ref to, (nuint)i);
                Vector256.ConvertToSingle(upper).StoreUnsafe(ref to, (nuint)(i + Vector256<uint>.Count));
            }
        }
        Scalar(source, target, i);
    }

    private static void FromByte(ReadOnlySpan<byte> source, Span<float> target)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && target.Length >= source.Length)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(target);
            var step = Vector256<uint>.Count;
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)i));
                var (a, b) = Vector256.Widen(low);
                var (c, d) = Vector256.Widen(high);
                Vector256.ConvertToSingle(a).StoreUnsafe(ref to, (nuint)i);
                Vector256.ConvertToSingle(b).StoreUnsafe(ref to, (nuint)(i + step));
                Vector256.ConvertToSingle(c).StoreUnsafe(ref to, (nuint)(i + 2 * step));
                Vector256.ConvertToSingle(d).StoreUnsafe(ref to, (nuint)(i + 3 * step));
            }
        }
        Scalar(source, target, i);
    }

    private static void Scalar<T>(ReadOnlySpan<T> source, Span<float> target, int start) where T : unmanaged, INumberBase<T>
    {
        for (var i = start; i < source.Length; i++)
            target[i] = float.CreateTruncating(source[i]);
    }
}
