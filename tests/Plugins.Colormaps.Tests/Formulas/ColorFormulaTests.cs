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
            "gamma g 0.95, sigmoidal r,g,b 35 0.13", (r, g, b) =>
                (Sigmoidal(r, 35, 0.13), Sigmoidal(Gamma(g, 0.95), 35, 0.13), Sigmoidal(b, 35, 0.13))
        },
        { "gamma 1,2 0.95", (r, g, b) => (Gamma(r, 0.95), Gamma(g, 0.95), b) },
        { "sigmoidal rgb 10 1", (r, g, b) => (Sigmoidal(r, 10, 1), Sigmoidal(g, 10, 1), Sigmoidal(b, 10, 1)) },
        { "sigmoidal rgb 0 0.5", (r, g, b) => (r, g, b) },
        { "sigmoidal rgb -10 0.15", (r, g, b) => (Sigmoidal(r, -10, 0.15), Sigmoidal(g, -10, 0.15), Sigmoidal(b, -10, 0.15)) },
        { "saturation 0", (r, g, b) => Saturation(r, g, b, 0) },
        { "saturation -0.5", (r, g, b) => Saturation(r, g, b, -0.5) },
        {
            "saturation 1.25 gamma rgb 0.95", (r, g, b) =>
            {
                (r, g, b) = Saturation(r, g, b, 1.25);
                return (Gamma(r, 0.95), Gamma(g, 0.95), Gamma(b, 0.95));
            }
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
    [InlineData("gamma r,g,b 0.95", "gamma rgb 0.95")]
    [InlineData("GAMMA 1,2 0.95", "gamma RG 0.95")]
    [InlineData("gamma rgb 0.95, sigmoidal rgb 35 0.13,", "gamma rgb 0.95 sigmoidal rgb 35 0.13")]
    [InlineData("saturation\t1.2\n gamma b 2", "saturation 1.2 gamma b 2")]
    [InlineData("gamma,g,0.95", "gamma g 0.95")]
    [InlineData("sigmoidal,r,b,15,0.35,saturation,1.2", "sigmoidal rb 15 0.35 saturation 1.2")]
    [InlineData("Gamma RGB 3.5, Saturation 1.7, Sigmoidal RGB 15 0.35", "gamma rgb 3.5 saturation 1.7 sigmoidal rgb 15 0.35")]
    public void Parse_JoinsCommaSeparatedBandsAndSplitsOnWhitespaceOrCommas(string formula, string plain)
    {
        float[] red = [0.1f, 0.5f, 0.9f], green = [0.2f, 0.6f, 1f], blue = [0f, 0.3f, 0.7f];
        float[] red2 = [.. red], green2 = [.. green], blue2 = [.. blue];

        Parser.Parse(formula).Apply(red, green, blue);
        Parser.Parse(plain).Apply(red2, green2, blue2);

        Assert.Equal(red2, red);
        Assert.Equal(green2, green);
        Assert.Equal(blue2, blue);
    }

    /// <summary>
    /// Where rio-color's parse_operations or its operations raise, a 400 naming the problem; and the extra values it
    /// would silently drop.
    /// </summary>
    [Theory]
    [InlineData("", "empty formula")]
    [InlineData(" , ", "empty formula")]
    [InlineData("brightness rgb 2", "'brightness' is not an operation")]
    [InlineData("2 gamma rgb 2", "'2' is not an operation")]
    [InlineData("gamma,,0.95", "gamma: '0.95' is not a band selection")]
    [InlineData("gamma", "gamma needs the bands")]
    [InlineData("gamma rgb", "gamma needs a gamma value (gamma BANDS g)")]
    [InlineData("gamma rgx 2", "gamma: 'rgx' is not a band selection")]
    [InlineData("gamma 4 2", "gamma: '4' is not a band selection")]
    [InlineData("gamma 0 2", "gamma: '0' is not a band selection")]
    [InlineData("gamma rgb abc", "gamma: gamma 'abc' is not a number")]
    [InlineData("gamma rgb nan", "gamma: gamma 'nan' is not a number")]
    [InlineData("gamma rgb 0", "gamma must be above 0, not 0")]
    [InlineData("gamma rgb -2", "gamma must be above 0, not -2")]
    [InlineData("gamma rgb 1.5 2", "gamma takes 1 value (gamma BANDS g), not 2: 'gamma rgb 1.5 2'")]
    [InlineData("sigmoidal rgb", "sigmoidal needs a contrast value")]
    [InlineData("sigmoidal rgb 10", "sigmoidal needs a bias value")]
    [InlineData("sigmoidal rgb 10 1.5", "sigmoidal bias must be from 0 to 1, not 1.5")]
    [InlineData("sigmoidal rgb 10 -0.5", "sigmoidal bias must be from 0 to 1, not -0.5")]
    [InlineData("sigmoidal rgb 10 0.5 3", "sigmoidal takes 2 values (sigmoidal BANDS contrast bias), not 3")]
    [InlineData("sigmoidal rgb ten 0.5", "sigmoidal: contrast 'ten' is not a number")]
    [InlineData("saturation", "saturation needs a proportion value")]
    [InlineData("saturation rgb 1.2", "saturation takes 1 value (saturation proportion), not 2")]
    [InlineData("saturation 1.2 3", "saturation takes 1 value (saturation proportion), not 2: 'saturation 1.2 3'")]
    [InlineData("saturation infinity", "saturation: proportion 'infinity' is not a number")]
    public void Parse_BadFormula_IsAnInvalidColorFormulaParameter(string formula, string fragment)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(formula));
        Assert.Equal("color_formula", error.Parameter);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Parse_TooLongFormula_IsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(new string(' ', ColorFormulaParser.MaxLength) + "saturation 1"));
        Assert.Contains("longer than 1024 characters", error.Message);
    }

    private static void AssertWithinOneDn(byte expected, byte actual, (byte, byte, byte) pixel, string formula) =>
        Assert.True(Math.Abs(expected - actual) <= 1, $"{formula} on {pixel}: rio-color {expected}, ours {actual}");
}
