using System.Runtime.Intrinsics;

namespace OgcTiler.Plugins.Expressions.Compilation;

/// <summary>Non-generic wrappers of the <see cref="Vector256"/> functions, so kernels can call them by method group.</summary>
internal static class VectorFunctions
{
    public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);

    public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);

    public static Vector256<float> Exp(Vector256<float> a) => Vector256.Exp(a);

    public static Vector256<float> Log(Vector256<float> a) => Vector256.Log(a);

    public static Vector256<float> Log2(Vector256<float> a) => Vector256.Log2(a);

    public static Vector256<float> Sin(Vector256<float> a) => Vector256.Sin(a);

    public static Vector256<float> Cos(Vector256<float> a) => Vector256.Cos(a);

    public static Vector256<float> Floor(Vector256<float> a) => Vector256.Floor(a);

    public static Vector256<float> Ceil(Vector256<float> a) => Vector256.Ceiling(a);

    /// <summary>Half to even, like numpy.</summary>
    public static Vector256<float> Round(Vector256<float> a) => Vector256.Round(a);

    public static Vector256<float> Minimum(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);

    public static Vector256<float> Maximum(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
}
