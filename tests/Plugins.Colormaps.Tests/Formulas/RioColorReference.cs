namespace OgcTiler.Plugins.Colormaps.Tests.Formulas;

/// <summary>
/// rio-color's formulas written out independently (operations.py and colorspace.pyx with SIMPLE sRGB), in float64
/// like numpy, including the uint8 round trip TiTiler does: value / 255, operations, then * 255 truncated.
/// </summary>
internal static class RioColorReference
{
    private const double NumpyEpsilon = 2.220446049250313e-16;

    public static double Gamma(double arr, double g) => Math.Pow(arr, 1.0 / g);

    public static double Sigmoidal(double arr, double contrast, double bias)
    {
        double alpha = bias, beta = contrast;
        if (alpha == 0)
            alpha = NumpyEpsilon;
        if (beta == 0)
            return arr;
        if (beta > 0)
        {
            var numerator = 1 / (1 + Math.Exp(beta * (alpha - arr))) - 1 / (1 + Math.Exp(beta * alpha));
            var denominator = 1 / (1 + Math.Exp(beta * (alpha - 1))) - 1 / (1 + Math.Exp(beta * alpha));
            return numerator / denominator;
        }
        return (beta * alpha - Math.Log(1 / (arr / (1 + Math.Exp(beta * alpha - beta)) - arr / (1 + Math.Exp(beta * alpha))
            + 1 / (1 + Math.Exp(beta * alpha))) - 1)) / beta;
    }

    public static (double R, double G, double B) Saturation(double r, double g, double b, double satmult)
    {
        // RGB -> XYZ (simplified sRGB, D65)
        double rl = Math.Pow(r, 2.2), gl = Math.Pow(g, 2.2), bl = Math.Pow(b, 2.2);
        var x = (rl * 0.4124 + gl * 0.3576 + bl * 0.1805) / 0.95047;
        var y = rl * 0.2126 + gl * 0.7152 + bl * 0.0722;
        var z = (rl * 0.0193 + gl * 0.1192 + bl * 0.9505) / 1.08883;
        // XYZ -> Lab
        const double bintercept = 4.0 / 29, delta = 6.0 / 29, t0 = delta * delta * delta, alpha = 1 / (delta * delta) / 3;
        var fx = x > t0 ? Math.Pow(x, 1.0 / 3) : alpha * x + bintercept;
        var fy = y > t0 ? Math.Pow(y, 1.0 / 3) : alpha * y + bintercept;
        var fz = z > t0 ? Math.Pow(z, 1.0 / 3) : alpha * z + bintercept;
        double lL = 116 * fy - 16, la = 500 * (fx - fy), lb = 200 * (fy - fz);
        // Lab -> LCh, scale chroma, LCh -> Lab
        var c = Math.Pow(la * la + lb * lb, 0.5) * satmult;
        var h = Math.Atan2(lb, la);
        la = c * Math.Cos(h);
        lb = c * Math.Sin(h);
        // Lab -> XYZ
        var tx = (lL + 16) / 116.0 + la / 500.0;
        x = tx > delta ? tx * tx * tx : 3 * delta * delta * (tx - bintercept);
        var ty = (lL + 16) / 116.0;
        y = ty > delta ? ty * ty * ty : 3 * delta * delta * (ty - bintercept);
        var tz = (lL + 16) / 116.0 - lb / 200.0;
        z = tz > delta ? tz * tz * tz : 3 * delta * delta * (tz - bintercept);
        // XYZ -> RGB
        x *= 0.95047;
        z *= 1.08883;
        var rlin = Math.Clamp(x * 3.2406 + y * -1.5372 + z * -0.4986, 0, 1);
        var glin = Math.Clamp(x * -0.9689 + y * 1.8758 + z * 0.0415, 0, 1);
        var blin = Math.Clamp(x * 0.0557 + y * -0.2040 + z * 1.0570, 0, 1);
        return (Math.Pow(rlin, 1 / 2.2), Math.Pow(glin, 1 / 2.2), Math.Pow(blin, 1 / 2.2));
    }

    public static double ToMath(byte value) => value / 255.0;

    public static byte ToByte(double value) => (byte)(value * 255);
}
