using OgcTiler.Plugins.Colormaps.Formulas;

namespace OgcTiler.Plugins.Colormaps.Tests.Formulas;

/// <summary>
/// color-operations' own test values: tests/test_operations.py (the uint8 fixture [[1, 2], [3, 4]] · 10 per band, as
/// to_math_type gives it) and tests/test_colorspace.py (RGB ↔ LCh pairs with their tolerances), on our steps.
/// </summary>
public sealed class ColorOperationsVectorsTests
{
    // The fixture's first pixel: red 10, green 50, blue 90 of 255.
    private const double Red = 10 / 255.0, Green = 50 / 255.0, Blue = 90 / 255.0;

    [Theory]
    [InlineData(10, 0.15, 0.08056034)]
    [InlineData(-10, 0.15, 0.020186627)]
    [InlineData(10, 0, 0.19362122)]   // bias 0 becomes numpy's epsilon
    [InlineData(0, 0.15, Red)]        // contrast 0 leaves the values
    public void Sigmoidal_IsColorOperations(double contrast, double bias, double expected) =>
        Assert.Equal(expected, new SigmoidalStep(Channels.All, contrast, bias).Transform(Red), 1e-4);

    [Fact]
    public void Gamma_IsColorOperations() =>
        Assert.Equal(0.033069782, new GammaStep(Channels.All, 0.95).Transform(Red), 1e-4);

    [Fact]
    public void Saturation_IsColorOperations()
    {
        double[] red = [Red], green = [Green], blue = [Blue];

        new SaturationStep(50).Apply(red, green, blue);

        // test_sat asserts x - 0.15860622 < 1e-4 (one-sided: chroma × 50 leaves the gamut and red clamps to 0);
        // the exact value comes from the reference written out from colorspace.pyx.
        Assert.True(red[0] - 0.15860622 < 1e-4);
        Assert.Equal(RioColorReference.Saturation(Red, Green, Blue, 50), (red[0], green[0], blue[0]));
    }

    // test_atmo: simple_atmo's gammas leave red alone, so its red is the sigmoidal's.
    [Fact]
    public void SimpleAtmo_Red_IsColorOperations()
    {
        var formula = new ColorFormulaParser().Parse("gamma g 0.99, gamma b 0.97, sigmoidal rgb 10 0.15");
        double[] red = [Red], green = [Green], blue = [Blue];

        formula.Apply(red, green, blue);

        Assert.Equal(Math.Truncate(0.080560341 * 255) / 255, red[0], 1e-12);
    }

    // test_colorspace.py's pairs: (rgb, lch) with the hue in radians.
    public static TheoryData<double[], double[]> Pairs => new()
    {
        { [0, 0, 0], [0, 0, 0] },
        { [1.0, 0, 0], [53.2, 104.6, 0.7] },
        { [0.392156, 0.776470, 0.164705], [71.7, 83.5, 2.3] },
        { [0.0392, 0.1960, 0.3529], [20.3517, 27.8757, -1.4612] },
        { [0.0456, 0.1929, 0.3941], [20.8945, 34.9429, -1.3244] },
        { [1.0, 1.0, 1.0], [100, 0, 2.8] },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void RgbToLch_IsNearTheReference(double[] rgb, double[] lch)
    {
        var (l, c, h) = SaturationStep.RgbToLch(rgb[0], rgb[1], rgb[2]);

        Assert.True(Math.Round(l, 8) >= 0);
        Assert.True(Math.Abs(l - lch[0]) <= 1.0 && Math.Abs(c - lch[1]) <= 1.0 && (lch[1] == 0 || Math.Abs(h - lch[2]) <= 0.25),
            $"({l}, {c}, {h}) is not near ({string.Join(", ", lch)})");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void RoundTrip_ComesBackWithinATenth(double[] rgb, double[] lch)
    {
        _ = lch;
        var (l, c, h) = SaturationStep.RgbToLch(rgb[0], rgb[1], rgb[2]);
        var (r, g, b) = SaturationStep.LchToRgb(l, c, h);

        foreach (var (value, expected) in new[] { (r, rgb[0]), (g, rgb[1]), (b, rgb[2]) })
        {
            Assert.InRange(value, -0.0001, 1.0001);
            Assert.True(Math.Abs(value - expected) <= 0.1, $"{value} != {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void LchToRgb_IsNearTheReference(double[] rgb, double[] lch)
    {
        var (r, g, b) = SaturationStep.LchToRgb(lch[0], lch[1], lch[2]);

        Assert.True(Math.Abs(r - rgb[0]) <= 1.0 && Math.Abs(g - rgb[1]) <= 1.0 && Math.Abs(b - rgb[2]) <= 0.1,
            $"({r}, {g}, {b}) is not near ({string.Join(", ", rgb)})");
    }
}
