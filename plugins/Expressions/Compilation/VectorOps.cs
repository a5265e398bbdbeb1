using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OgcTiler.Plugins.Expressions.Compilation;

/// <summary>
/// The operations compiled kernels call, one <see cref="Vector256{T}"/> of 8 floats at a time. Comparisons and logic
/// give 1 or 0, like numexpr's booleans cast to float. Functions without a vector form run per lane.
/// </summary>
internal static unsafe class VectorOps
{
    private static readonly Vector256<float> One = Vector256.Create(1f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(nint band, int index) => Vector256.Load((float*)band + index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(nint band, int index, Vector256<float> value) => value.Store((float*)band + index);

    /// <summary>Clears the mask of lanes whose value is NaN or infinite (x - x is 0 only for finite x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaskNonFinite(nint mask, int index, Vector256<float> value)
    {
        var finite = Vector256.Equals(value - value, Vector256<float>.Zero).ExtractMostSignificantBits();
        if (finite != 0xFF)
            ClearLanes((byte*)mask + index, finite);
    }

    private static void ClearLanes(byte* mask, uint finite)
    {
        for (var lane = 0; lane < 8; lane++)
        {
            if ((finite & (1u << lane)) == 0)
                mask[lane] = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Less(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Greater(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GreaterEqual(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NotEqual(Vector256<float> a, Vector256<float> b) => ~Vector256.Equals(a, b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => IsTrue(a) & IsTrue(b) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => (IsTrue(a) | IsTrue(b)) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Not(Vector256<float> a) => Vector256.Equals(a, Vector256<float>.Zero) & One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Where(Vector256<float> condition, Vector256<float> a, Vector256<float> b) =>
        Vector256.ConditionalSelect(IsTrue(condition), a, b);

    /// <summary>Python's modulo: the result has the sign of the divisor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Modulo(Vector256<float> a, Vector256<float> b) => a - Vector256.Floor(a / b) * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Square(Vector256<float> a) => a * a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log10(Vector256<float> a) => Vector256.Log(a) * Vector256.Create(0.4342944819f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Clip(Vector256<float> a, Vector256<float> min, Vector256<float> max) =>
        Vector256.Min(Vector256.Max(a, min), max);

    public static Vector256<float> Power(Vector256<float> a, Vector256<float> b) => PerLane(a, b, MathF.Pow);

    public static Vector256<float> Tan(Vector256<float> a) => PerLane(a, MathF.Tan);

    public static Vector256<float> Arcsin(Vector256<float> a) => PerLane(a, MathF.Asin);

    public static Vector256<float> Arccos(Vector256<float> a) => PerLane(a, MathF.Acos);

    public static Vector256<float> Arctan(Vector256<float> a) => PerLane(a, MathF.Atan);

    public static Vector256<float> Arctan2(Vector256<float> y, Vector256<float> x) => PerLane(y, x, MathF.Atan2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> IsTrue(Vector256<float> a) => ~Vector256.Equals(a, Vector256<float>.Zero);

    private static Vector256<float> PerLane(Vector256<float> a, Func<float, float> f)
    {
        var lanes = stackalloc float[8];
        for (var i = 0; i < 8; i++)
            lanes[i] = f(a.GetElement(i));
        return Vector256.Load(lanes);
    }

    private static Vector256<float> PerLane(Vector256<float> a, Vector256<float> b, Func<float, float, float> f)
    {
        var lanes = stackalloc float[8];
        for (var i = 0; i < 8; i++)
            lanes[i] = f(a.GetElement(i), b.GetElement(i));
        return Vector256.Load(lanes);
    }
}
