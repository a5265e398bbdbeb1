namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>
/// rio-color's saturation (color-operations' colorspace.pyx): each pixel to CIE LCh (sRGB companding, D65 white, the
/// 7-digit sRGB matrices), chroma multiplied by <c>proportion</c>, and back, clamped to 0..1 in the XYZ → RGB step.
/// Each step is written as colorspace.pyx computes it (powers, atan2, cos, sin), so the float64 results match.
/// </summary>
internal sealed class SaturationStep(double proportion) : ColorStep
{
    private const double Bintercept = 4.0 / 29;
    private const double Delta = 6.0 / 29;
    private const double T0 = Delta * Delta * Delta;
    private const double Alpha = 1 / (Delta * Delta) / 3;
    private const double Third = 1.0 / 3;
    private const double Xn = 0.95047, Zn = 1.08883;

    public override void Apply(Span<double> red, Span<double> green, Span<double> blue)
    {
        for (var i = 0; i < red.Length; i++)
        {
            var (l, c, h) = RgbToLch(red[i], green[i], blue[i]);
            (red[i], green[i], blue[i]) = LchToRgb(l, c * proportion, h);
        }
    }

    internal static (double L, double C, double H) RgbToLch(double r, double g, double b)
    {
        double rl = ToLinear(r), gl = ToLinear(g), bl = ToLinear(b);
        var x = (rl * 0.4124564 + gl * 0.3575761 + bl * 0.1804375) / Xn;
        var y = rl * 0.2126729 + gl * 0.7151522 + bl * 0.0721750;
        var z = (rl * 0.0193339 + gl * 0.1191920 + bl * 0.9503041) / Zn;
        double fx = LabF(x), fy = LabF(y), fz = LabF(z);
        double lightness = 116 * fy - 16, a = 500 * (fx - fy), bb = 200 * (fy - fz);
        return (lightness, Math.Pow(a * a + bb * bb, 0.5), Math.Atan2(bb, a));
    }

    internal static (double R, double G, double B) LchToRgb(double lightness, double chroma, double hue)
    {
        var a = chroma * Math.Cos(hue);
        var b = chroma * Math.Sin(hue);
        var x = LabFInverse((lightness + 16) / 116.0 + a / 500.0) * Xn;
        var y = LabFInverse((lightness + 16) / 116.0);
        var z = LabFInverse((lightness + 16) / 116.0 - b / 200.0) * Zn;
        return (
            FromLinear(x * 3.2404542 + y * -1.5371385 + z * -0.4985314),
            FromLinear(x * -0.9692660 + y * 1.8760108 + z * 0.0415560),
            FromLinear(x * 0.0556434 + y * -0.2040259 + z * 1.0572252));
    }

    private static double ToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    /// <summary>sRGB companding, then the clamp to 0..1 colorspace.pyx applies.</summary>
    private static double FromLinear(double linear) =>
        Math.Clamp(linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055, 0.0, 1.0);

    private static double LabF(double t) => t > T0 ? Math.Pow(t, Third) : Alpha * t + Bintercept;

    private static double LabFInverse(double t) => t > Delta ? Math.Pow(t, 3) : 3 * Delta * Delta * (t - Bintercept);
}
