using System.Globalization;
using System.Text.RegularExpressions;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>
/// Parses rio-color formulas: "OPERATION [BANDS] ARGS ..." repeated, case-insensitive, separated by whitespace or
/// commas. A comma between band selections joins them as rio-color's comma dropping does ("gamma r,g,b 0.95" is
/// "gamma rgb 0.95"); anywhere else it separates, so "gamma,g,0.95" works too. gamma BANDS g;
/// sigmoidal BANDS contrast bias; saturation proportion. BANDS combines R, G, B (or 1, 2, 3). Where rio-color raises
/// (gamma not above 0, bias outside 0..1, unknown operation or band, missing or non-numeric value) this throws a
/// specific error instead; it also refuses the extra values rio-color would silently drop.
/// </summary>
internal sealed partial class ColorFormulaParser : IColorOperationProvider
{
    public const int MaxLength = 1024;
    private const string Parameter = "color_formula";

    /// <summary>numpy's float64 epsilon: rio-color accepts a bias from 0 - epsilon to 1 + epsilon.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ','];

    [GeneratedRegex(@"(?<=(?:^|[\s,])[rgb123]+)\s*,\s*(?=[rgb123]+(?:[\s,]|$))", RegexOptions.IgnoreCase)]
    private static partial Regex BandListComma();

    public IColorOperation Parse(string formula)
    {
        if (formula.Length > MaxLength)
            throw Invalid($"longer than {MaxLength} characters");
        var tokens = BandListComma().Replace(formula, "").Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw Invalid("empty formula; expected operations such as 'gamma RGB 1.5'");
        return new ColorFormula([.. Operations(tokens).Select(ParseStep)]);
    }

    /// <summary>Splits the tokens at each operation name, like rio-color's parse_operations.</summary>
    private static IEnumerable<string[]> Operations(string[] tokens)
    {
        var start = 0;
        for (var i = 1; i <= tokens.Length; i++)
        {
            if (i < tokens.Length && !IsOperation(tokens[i]))
                continue;
            if (!IsOperation(tokens[start]))
                throw Invalid($"'{tokens[start]}' is not an operation (gamma, sigmoidal, saturation)");
            yield return tokens[start..i];
            start = i;
        }
    }

    private static bool IsOperation(string token) =>
        token.Equals("gamma", StringComparison.OrdinalIgnoreCase)
        || token.Equals("sigmoidal", StringComparison.OrdinalIgnoreCase)
        || token.Equals("saturation", StringComparison.OrdinalIgnoreCase);

    private static ColorStep ParseStep(string[] operation) => operation[0].ToLowerInvariant() switch
    {
        "gamma" => Gamma(operation),
        "sigmoidal" => Sigmoidal(operation),
        _ => Saturation(operation),
    };

    private static GammaStep Gamma(string[] operation)
    {
        var channels = ParseChannels(operation);
        var g = Values(operation, 2, "gamma")[0];
        return g > 0 ? new GammaStep(channels, g) : throw Invalid($"gamma must be above 0, not {Format(g)}");
    }

    private static SigmoidalStep Sigmoidal(string[] operation)
    {
        var channels = ParseChannels(operation);
        var values = Values(operation, 2, "contrast", "bias");
        var (contrast, bias) = (values[0], values[1]);
        return bias is >= -Epsilon and <= 1 + Epsilon
            ? new SigmoidalStep(channels, contrast, bias)
            : throw Invalid($"sigmoidal bias must be from 0 to 1, not {Format(bias)}");
    }

    /// <summary>rio-color accepts any proportion: 0 gives grey, a negative one the complementary hue.</summary>
    private static SaturationStep Saturation(string[] operation) => new(Values(operation, 1, "proportion")[0]);

    private static Channels ParseChannels(string[] operation)
    {
        if (operation.Length < 2)
            throw Invalid($"{operation[0].ToLowerInvariant()} needs the bands to apply to (R, G, B or a combination such as RGB)");
        var token = operation[1];
        var channels = Channels.None;
        foreach (var c in token)
        {
            channels |= char.ToLowerInvariant(c) switch
            {
                'r' or '1' => Channels.Red,
                'g' or '2' => Channels.Green,
                'b' or '3' => Channels.Blue,
                _ => throw Invalid($"{operation[0].ToLowerInvariant()}: '{token}' is not a band selection (R, G, B or 1 to 3, combined such as RGB)"),
            };
        }
        return channels;
    }

    /// <summary>The numbers from <paramref name="first"/> on, one per name: no fewer, no more.</summary>
    private static double[] Values(string[] operation, int first, params string[] names)
    {
        var name = operation[0].ToLowerInvariant();
        var given = operation.Length - first;
        if (given < names.Length)
            throw Invalid($"{name} needs a {names[given]} value ({Usage(name)})");
        if (given > names.Length)
            throw Invalid($"{name} takes {names.Length} value{(names.Length == 1 ? "" : "s")} ({Usage(name)}), not {given}: '{string.Join(' ', operation)}'");
        var values = new double[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var token = operation[first + i];
            values[i] = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Invalid($"{name}: {names[i]} '{token}' is not a number");
        }
        return values;
    }

    private static string Usage(string operation) => operation switch
    {
        "gamma" => "gamma BANDS g",
        "sigmoidal" => "sigmoidal BANDS contrast bias",
        _ => "saturation proportion",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidParameterException Invalid(string problem) => new(Parameter, $"color_formula: {problem}");
}
