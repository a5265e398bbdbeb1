using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>
/// Parses rio-color formulas: "OPERATION [BANDS] ARGS ..." repeated, case-insensitive, separated by spaces or commas.
/// gamma BANDS g; sigmoidal BANDS contrast bias; saturation proportion. BANDS combines R, G, B (or 1, 2, 3).
/// </summary>
internal sealed class ColorFormulaParser : IColorOperationProvider
{
    public const int MaxLength = 1024;
    private const string Parameter = "color_formula";

    public IColorOperation Parse(string formula)
    {
        if (formula.Length > MaxLength)
            throw Invalid($"longer than {MaxLength} characters");
        var tokens = formula.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw Invalid("empty formula");
        var steps = new List<ColorStep>();
        var position = 0;
        while (position < tokens.Length)
            steps.Add(ParseStep(tokens, ref position));
        return new ColorFormula(steps);
    }

    private static ColorStep ParseStep(string[] tokens, ref int position)
    {
        var operation = tokens[position++].ToLowerInvariant();
        switch (operation)
        {
            case "gamma":
            {
                var channels = ParseChannels(operation, tokens, ref position);
                var gamma = ParseNumber(operation, "gamma", tokens, ref position);
                return gamma > 0 ? new GammaStep(channels, gamma) : throw Invalid($"gamma must be above 0, not {gamma}");
            }
            case "sigmoidal":
            {
                var channels = ParseChannels(operation, tokens, ref position);
                var contrast = ParseNumber(operation, "contrast", tokens, ref position);
                var bias = ParseNumber(operation, "bias", tokens, ref position);
                return new SigmoidalStep(channels, contrast, bias);
            }
            case "saturation":
                return new SaturationStep(ParseNumber(operation, "proportion", tokens, ref position));
            default:
                throw Invalid($"'{tokens[position - 1]}' is not an operation (gamma, sigmoidal, saturation)");
        }
    }

    private static Channels ParseChannels(string operation, string[] tokens, ref int position)
    {
        if (position >= tokens.Length)
            throw Invalid($"{operation} needs the bands to apply to (R, G, B or a combination such as RGB)");
        var token = tokens[position++];
        var channels = Channels.None;
        foreach (var c in token)
        {
            channels |= char.ToLowerInvariant(c) switch
            {
                'r' or '1' => Channels.Red,
                'g' or '2' => Channels.Green,
                'b' or '3' => Channels.Blue,
                _ => throw Invalid($"{operation}: '{token}' is not a band selection (R, G, B or a combination such as RGB)"),
            };
        }
        return channels;
    }

    private static double ParseNumber(string operation, string name, string[] tokens, ref int position)
    {
        if (position >= tokens.Length)
            throw Invalid($"{operation} needs a {name} value");
        var token = tokens[position++];
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Invalid($"{operation}: {name} '{token}' is not a number");
    }

    private static InvalidParameterException Invalid(string problem) => new(Parameter, $"color_formula: {problem}");
}
