using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Colormaps.Formulas;
using static OgcTiler.Plugins.Colormaps.Tests.Formulas.RioColorReference;

namespace OgcTiler.Plugins.Colormaps.Tests.Formulas;

public sealed class ColorFormulaTests
{
    private static readonly ColorFormulaParser Parser = new();

    private delegate (double R, double G, double B) Operation(double r, double g, double b);

    private static Operation GammaOf(string bands, double g) => (r, gr, b) =>
        (bands.Contains('r') ? Gamma(r, g) : r, bands.Contains('g') ? Gamma(gr, g) : gr, bands.Contains('b') ? Gamma(b, g) : b);

    private static Operation SigmoidalOf(string bands, double contrast, double bias) => (r, g, b) =>
        (bands.Contains('r') ? Sigmoidal(r, contrast, bias) : r, bands.Contains('g') ? Sigmoidal(g, contrast, bias) : g,
            bands.Contains('b') ? Sigmoidal(b, contrast, bias) : b);

    private static Operation SaturationOf(double proportion) => (r, g, b) => Saturation(r, g, b, proportion);

    // Formulas of rio-color's README and TiTiler's docs; each operation is followed by rio-tiler's uint8 truncation.
    public static TheoryData<string, string[]> Formulas => new()
    {
        { "gamma rgb 1.7", ["gamma rgb 1.7"] },
        { "Gamma B 0.6", ["gamma b 0.6"] },
        { "sigmoidal RGB 15 0.35", ["sigmoidal rgb 15 0.35"] },
        { "sigmoidal rg -6 0.5", ["sigmoidal rg -6 0.5"] },
        { "sigmoidal 13 4 0", ["sigmoidal rb 4 0"] },
        { "SATURATION 1.7", ["saturation 1.7"] },
        { "saturation 0.3", ["saturation 0.3"] },
        { "Gamma RGB 3.5 Saturation 1.7 Sigmoidal RGB 15 0.35", ["gamma rgb 3.5", "saturation 1.7", "sigmoidal rgb 15 0.35"] },
        { "gamma g 0.95, sigmoidal r,g,b 35 0.13", ["gamma g 0.95", "sigmoidal rgb 35 0.13"] },
        { "gamma 1,2 0.95", ["gamma rg 0.95"] },
        { "sigmoidal rgb 10 1", ["sigmoidal rgb 10 1"] },
        { "sigmoidal rgb 0 0.5", ["sigmoidal rgb 0 0.5"] },
        { "sigmoidal rgb -10 0.15", ["sigmoidal rgb -10 0.15"] },
        { "saturation 0", ["saturation 0"] },
        { "saturation -0.5", ["saturation -0.5"] },
        { "saturation 1.25 gamma rgb 0.95", ["saturation 1.25", "gamma rgb 0.95"] },
    };

    private static Operation Reference(string operation)
    {
        var parts = operation.Split(' ');
        var number = (int i) => double.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "gamma" => GammaOf(parts[1], number(2)),
            "sigmoidal" => SigmoidalOf(parts[1], number(2), number(3)),
            _ => SaturationOf(number(1)),
        };
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Apply_EqualsRioColorWithRioTilersTruncation(string formula, string[] operations)
    {
        var levels = Enumerable.Range(0, 18).Select(i => (byte)Math.Min(255, i * 15)).ToArray();
        var pixels = (from r in levels from g in levels from b in levels select (r, g, b)).ToArray();
        var red = pixels.Select(p => ToMath(p.r)).ToArray();
        var green = pixels.Select(p => ToMath(p.g)).ToArray();
        var blue = pixels.Select(p => ToMath(p.b)).ToArray();

        Parser.Parse(formula).Apply(red, green, blue);

        for (var i = 0; i < pixels.Length; i++)
        {
            var (r, g, b) = (pixels[i].r, pixels[i].g, pixels[i].b);
            foreach (var operation in operations)
            {
                var (x, y, z) = Reference(operation)(ToMath(r), ToMath(g), ToMath(b));
                (r, g, b) = (ToByte(x), ToByte(y), ToByte(z));
            }
            Assert.True((r, g, b) == (ToByte(red[i]), ToByte(green[i]), ToByte(blue[i])),
                $"{formula} on {pixels[i]}: rio-color {(r, g, b)}, ours {(ToByte(red[i]), ToByte(green[i]), ToByte(blue[i]))}");
        }
    }

    // saturation 0 leaves the lightness: a grey whose three channels are equal.
    [Fact]
    public void Saturation0_IsGreyOfTheSameLightness()
    {
        double[] red = [200 / 255.0], green = [40 / 255.0], blue = [90 / 255.0];

        Parser.Parse("saturation 0").Apply(red, green, blue);

        Assert.Equal(red[0], green[0], 1e-12);
        Assert.Equal(red[0], blue[0], 1e-12);
        var (lightness, _, _) = SaturationStep.RgbToLch(200 / 255.0, 40 / 255.0, 90 / 255.0);
        var (grey, _, _) = SaturationStep.RgbToLch(red[0], green[0], blue[0]);
        Assert.True(Math.Abs(lightness - grey) < 0.5, $"L {lightness} → {grey}");
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
        double[] red = [0.1, 0.5, 0.9], green = [0.2, 0.6, 1], blue = [0, 0.3, 0.7];
        double[] red2 = [.. red], green2 = [.. green], blue2 = [.. blue];

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

}
