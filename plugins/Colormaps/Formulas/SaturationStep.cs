namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>
/// rio-color's saturation: multiply the chroma of each pixel in CIE LCh (from simplified sRGB, gamma 2.2, D65 white)
/// by <c>proportion</c>. Scaling chroma at a fixed hue is scaling Lab's a and b, which is what this does.
/// </summary>
internal sealed class SaturationStep(double proportion) : ColorStep
{
    private const double Gamma = 2.2;
    private const double Delta = 6.0 / 29;
    private const double T0 = Delta * Delta * Delta;
    private const double Alpha = 1 / (3 * Delta * Delta);
    private const double Intercept = 4.0 / 29;

    public override void Apply(Span<float> red, Span<float> green, Span<float> blue)
    {
        for (var i = 0; i < red.Length; i++)
        {
            var (l, a, b) = RgbToLab(red[i], green[i], blue[i]);
            var (r, g, bl) = LabToRgb(l, a * proportion, b * proportion);
            red[i] = Clamp01(r);
            green[i] = Clamp01(g);
            blue[i] = Clamp01(bl);
        }
    }

    private static (double L, double A, double B) RgbToLab(double r, double g, double b)
    {
        double rl = Math.Pow(r, Gamma), gl = Math.Pow(g, Gamma), bl = Math.Pow(b, Gamma);
        var fx = LabF((rl * 0.4124 + gl * 0.3576 + bl * 0.1805) / 0.95047);
        var fy = LabF(rl * 0.2126 + gl * 0.7152 + bl * 0.0722);
        var fz = LabF((rl * 0.0193 + gl * 0.1192 + bl * 0.9505) / 1.08883);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    private static (double R, double G, double B) LabToRgb(double l, double a, double b)
    {
        var ty = (l + 16) / 116.0;
        var x = LabFInverse(ty + a / 500.0) * 0.95047;
        var y = LabFInverse(ty);
        var z = LabFInverse(ty - b / 200.0) * 1.08883;
        return (
            Encode(x * 3.2406 + y * -1.5372 + z * -0.4986),
            Encode(x * -0.9689 + y * 1.8758 + z * 0.0415),
            Encode(x * 0.0557 + y * -0.2040 + z * 1.0570));
    }

    private static double LabF(double t) => t > T0 ? Math.Cbrt(t) : Alpha * t + Intercept;

    private static double LabFInverse(double t) => t > Delta ? t * t * t : 3 * Delta * Delta * (t - Intercept);

    private static double Encode(double linear) => Math.Pow(Math.Clamp(linear, 0.0, 1.0), 1 / Gamma);
}
