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

    /// <summary>numexpr's integer '%': C's remainder (the sign of the dividend), 0 where the divisor is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> IntegerRemainder(Vector256<float> a, Vector256<float> b) =>
        Vector256.ConditionalSelect(Vector256.Equals(b, Vector256<float>.Zero), Vector256<float>.Zero, a - Vector256.Truncate(a / b) * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FloorDivide(Vector256<float> a, Vector256<float> b) => Vector256.Floor(a / b);

    /// <summary>Integer '//': Python's floor division, 0 where the divisor is 0 (numexpr's integer division rule).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> IntegerFloorDivide(Vector256<float> a, Vector256<float> b) =>
        Vector256.ConditionalSelect(Vector256.Equals(b, Vector256<float>.Zero), Vector256<float>.Zero, Vector256.Floor(a / b));

    /// <summary>'~' on integers: two's complement, -a - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BitwiseNot(Vector256<float> a) => -a - One;

    /// <summary>-1, 0 or 1 (NaN stays NaN, so it is masked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sign(Vector256<float> a) =>
        (Vector256.GreaterThan(a, Vector256<float>.Zero) & One) - (Vector256.LessThan(a, Vector256<float>.Zero) & One) + (a - a);

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

    public static Vector256<float> Sinh(Vector256<float> a) => PerLane(a, MathF.Sinh);

    public static Vector256<float> Cosh(Vector256<float> a) => PerLane(a, MathF.Cosh);

    public static Vector256<float> Tanh(Vector256<float> a) => PerLane(a, MathF.Tanh);

    public static Vector256<float> Arcsinh(Vector256<float> a) => PerLane(a, MathF.Asinh);

    public static Vector256<float> Arccosh(Vector256<float> a) => PerLane(a, MathF.Acosh);

    public static Vector256<float> Arctanh(Vector256<float> a) => PerLane(a, MathF.Atanh);

    /// <summary>C's fmod: the remainder with the sign of the dividend (C#'s float '%').</summary>
    public static Vector256<float> Fmod(Vector256<float> a, Vector256<float> b) => PerLane(a, b, static (x, y) => x % y);

    public static Vector256<float> Log1p(Vector256<float> a) => PerLane(a, Log1p);

    public static Vector256<float> Expm1(Vector256<float> a) => PerLane(a, Expm1);

    /// <summary>log(1 + x) without losing small x: in double, corrected by the rounding of 1 + x (Goldberg's method).</summary>
    private static float Log1p(float x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : (float)(Math.Log(u) * x / (u - 1.0));
    }

    /// <summary>exp(x) - 1 without losing small x, by the same correction.</summary>
    private static float Expm1(float x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
            return x;
        var um1 = u - 1.0;
        return um1 == -1.0 ? -1f : (float)(um1 * x / Math.Log(u));
    }

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
