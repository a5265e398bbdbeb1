namespace OgcTiler.Plugins.Colormaps.Tests.Formulas;

/// <summary>
/// rio-color's formulas written out independently from color-operations' operations.py and colorspace.pyx (sRGB
/// companding, its 7-digit matrices), in float64 like numpy, and the uint8 round trip rio-tiler does after every
/// operation: value / 255, operation, then * 255 truncated.
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
        // RGB -> XYZ (sRGB companding, D65)
        static double Linear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        double rl = Linear(r), gl = Linear(g), bl = Linear(b);
        var x = (rl * 0.4124564 + gl * 0.3575761 + bl * 0.1804375) / 0.95047;
        var y = rl * 0.2126729 + gl * 0.7151522 + bl * 0.0721750;
        var z = (rl * 0.0193339 + gl * 0.1191920 + bl * 0.9503041) / 1.08883;
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
        x = tx > delta ? Math.Pow(tx, 3) : 3 * delta * delta * (tx - bintercept);
        var ty = (lL + 16) / 116.0;
        y = ty > delta ? Math.Pow(ty, 3) : 3 * delta * delta * (ty - bintercept);
        var tz = (lL + 16) / 116.0 - lb / 200.0;
        z = tz > delta ? Math.Pow(tz, 3) : 3 * delta * delta * (tz - bintercept);
        // XYZ -> RGB, companded, then clamped to 0..1
        x *= 0.95047;
        z *= 1.08883;
        static double Compand(double v) => Math.Clamp(v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055, 0, 1);
        return (Compand(x * 3.2404542 + y * -1.5371385 + z * -0.4985314),
            Compand(x * -0.9692660 + y * 1.8760108 + z * 0.0415560),
            Compand(x * 0.0556434 + y * -0.2040259 + z * 1.0572252));
    }

    public static double ToMath(byte value) => value / 255.0;

    public static byte ToByte(double value) => (byte)Math.Clamp(value * 255, 0, 255);
}
