using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Colormaps.Formulas;
using static OgcTiler.Plugins.Colormaps.Tests.Formulas.RioColorReference;

namespace OgcTiler.Plugins.Colormaps.Tests.Formulas;

public sealed class ColorFormulaTests
{
    private static readonly ColorFormulaParser Parser = new();

    public static TheoryData<string, Func<double, double, double, (double, double, double)>> Formulas => new()
    {
        { "gamma rgb 1.7", (r, g, b) => (Gamma(r, 1.7), Gamma(g, 1.7), Gamma(b, 1.7)) },
        { "Gamma B 0.6", (r, g, b) => (r, g, Gamma(b, 0.6)) },
        { "sigmoidal RGB 15 0.35", (r, g, b) => (Sigmoidal(r, 15, 0.35), Sigmoidal(g, 15, 0.35), Sigmoidal(b, 15, 0.35)) },
        { "sigmoidal rg -6 0.5", (r, g, b) => (Sigmoidal(r, -6, 0.5), Sigmoidal(g, -6, 0.5), b) },
        { "sigmoidal 13 4 0", (r, g, b) => (Sigmoidal(r, 4, 0), g, Sigmoidal(b, 4, 0)) },
        { "SATURATION 1.7", (r, g, b) => Saturation(r, g, b, 1.7) },
        { "saturation 0.3", (r, g, b) => Saturation(r, g, b, 0.3) },
        {
            "Gamma RGB 3.5 Saturation 1.7 Sigmoidal RGB 15 0.35", (r, g, b) =>
            {
                (r, g, b) = Saturation(Gamma(r, 3.5), Gamma(g, 3.5), Gamma(b, 3.5), 1.7);
                return (Sigmoidal(r, 15, 0.35), Sigmoidal(g, 15, 0.35), Sigmoidal(b, 15, 0.35));
            }
        },
        {
            "gamma,g,0.95, sigmoidal,rgb,35,0.13", (r, g, b) =>
                (Sigmoidal(r, 35, 0.13), Sigmoidal(Gamma(g, 0.95), 35, 0.13), Sigmoidal(b, 35, 0.13))
        },
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Apply_EqualsRioColorWithinOneDn(string formula, Func<double, double, double, (double, double, double)> reference)
    {
        var levels = Enumerable.Range(0, 18).Select(i => (byte)Math.Min(255, i * 15)).ToArray();
        var pixels = (from r in levels from g in levels from b in levels select (r, g, b)).ToArray();
        var red = pixels.Select(p => (float)ToMath(p.r)).ToArray();
        var green = pixels.Select(p => (float)ToMath(p.g)).ToArray();
        var blue = pixels.Select(p => (float)ToMath(p.b)).ToArray();

        Parser.Parse(formula).Apply(red, green, blue);

        for (var i = 0; i < pixels.Length; i++)
        {
            var (r, g, b) = reference(ToMath(pixels[i].r), ToMath(pixels[i].g), ToMath(pixels[i].b));
            AssertWithinOneDn(ToByte(r), ToByte(red[i]), pixels[i], formula);
            AssertWithinOneDn(ToByte(g), ToByte(green[i]), pixels[i], formula);
            AssertWithinOneDn(ToByte(b), ToByte(blue[i]), pixels[i], formula);
        }
    }

    [Fact]
    public void Parse_SplitsOperationsAndSelectsChannels()
    {
        var formula = Assert.IsType<ColorFormula>(Parser.Parse("Gamma RGB 3.5 Saturation 1.7 Sigmoidal rb 15 0.35"));

        Assert.Collection(
            formula.Steps,
            s => Assert.Equal(Channels.All, Assert.IsType<GammaStep>(s).Channels),
            s => Assert.IsType<SaturationStep>(s),
            s => Assert.Equal(Channels.Red | Channels.Blue, Assert.IsType<SigmoidalStep>(s).Channels));
    }

    [Theory]
    [InlineData("", "empty formula")]
    [InlineData("brightness rgb 2", "'brightness' is not an operation")]
    [InlineData("gamma rgb", "gamma needs a gamma value")]
    [InlineData("gamma", "gamma needs the bands")]
    [InlineData("gamma rgx 2", "'rgx' is not a band selection")]
    [InlineData("gamma rgb abc", "gamma 'abc' is not a number")]
    [InlineData("gamma rgb 0", "gamma must be above 0")]
    [InlineData("sigmoidal rgb 10", "sigmoidal needs a bias value")]
    [InlineData("saturation 1.2 3", "'3' is not an operation")]
    public void Parse_BadFormula_IsAnInvalidColorFormulaParameter(string formula, string fragment)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(formula));
        Assert.Equal("color_formula", error.Parameter);
        Assert.Contains(fragment, error.Message);
    }

    private static void AssertWithinOneDn(byte expected, byte actual, (byte, byte, byte) pixel, string formula) =>
        Assert.True(Math.Abs(expected - actual) <= 1, $"{formula} on {pixel}: rio-color {expected}, ours {actual}");
}
