using System.Collections.Frozen;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// A request's algorithm and its <paramref name="Identity"/>: the algorithm's name and the value of each of its
/// parameters, given or default (<c>slope(buffer=3,z_exaggeration=1)</c>), the same for every spelling of
/// <c>algorithm_params</c>.
/// </summary>
internal sealed record ParsedAlgorithm(IRasterAlgorithm Algorithm, string Identity);

/// <summary><c>algorithm</c> (a name) and <c>algorithm_params</c> (a JSON object of that algorithm's parameters).</summary>
internal static class AlgorithmParser
{
    private static readonly FrozenDictionary<string, AlgorithmDefinition> Algorithms =
        AlgorithmDefinitions.All.ToFrozenDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => [.. AlgorithmDefinitions.All.Select(a => a.Id)];

    public static bool TryGet(string name, out AlgorithmDefinition definition) => Algorithms.TryGetValue(name, out definition!);

    public static ParsedAlgorithm? Parse(QueryReader query, IColormapProvider? colormaps)
    {
        var name = query.String("algorithm");
        if (name is null)
            return null;
        if (!Algorithms.TryGetValue(name, out var definition))
            throw new InvalidParameterException("algorithm", $"algorithm: '{name}' is not one of {string.Join(", ", Names)}");
        var values = ParseJson(query.String("algorithm_params"));
        var unknown = values.Keys.Where(k => !definition.Parameters.Any(p => p.Name == k)).ToArray();
        if (unknown.Length > 0)
            throw new InvalidParameterException("algorithm_params",
                $"algorithm_params: {string.Join(", ", unknown)} not a parameter of {definition.Id}" +
                (definition.Parameters.Length > 0 ? $" ({string.Join(", ", definition.Parameters.Select(p => p.Name))})" : " (it takes none)"));
        var arguments = new AlgorithmArguments(definition, values);
        return new ParsedAlgorithm(definition.Create(arguments, colormaps), arguments.Identity());
    }

    private static Dictionary<string, JsonElement> ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidParameterException("algorithm_params", "algorithm_params: must be a JSON object, e.g. {\"azimuth\": 315}");
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException("algorithm_params", $"algorithm_params: not valid JSON ({e.Message})");
        }
    }
}

/// <summary>The values of one request's <c>algorithm_params</c>, checked against the definition's parameters.</summary>
internal sealed class AlgorithmArguments(AlgorithmDefinition definition, Dictionary<string, JsonElement> values)
{
    public double Number(string name) => NullableNumber(name) ?? throw new InvalidParameterException("algorithm_params", $"algorithm_params: {name} must not be null");

    public int Integer(string name) => (int)Number(name);

    /// <summary>The algorithm's name and each parameter's value (see <see cref="ParsedAlgorithm.Identity"/>).</summary>
    public string Identity() =>
        $"{definition.Id}({string.Join(',', definition.Parameters.Select(p => $"{p.Name}={Format(NullableNumber(p.Name))}"))})";

    private static string Format(double? value) =>
        value is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "null";

    public double? NullableNumber(string name)
    {
        var spec = definition.Parameters.Single(p => p.Name == name);
        if (!values.TryGetValue(name, out var element))
            return spec.Default;
        if (element.ValueKind == JsonValueKind.Null && spec.Nullable)
            return null;
        var ok = element.ValueKind == JsonValueKind.Number
            ? element.TryGetDouble(out var v)
            : double.TryParse(element.ValueKind == JsonValueKind.String ? element.GetString() : null,
                System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v);
        if (!ok || !double.IsFinite(v) || v < spec.Minimum || v > spec.Maximum || (spec.Integer && v != Math.Floor(v)))
            throw new InvalidParameterException("algorithm_params",
                $"algorithm_params: {name} of {definition.Id} must be {(spec.Integer ? "an integer" : "a number")} in {spec.Minimum}..{spec.Maximum}, got {element.GetRawText()}");
        return v;
    }
}
