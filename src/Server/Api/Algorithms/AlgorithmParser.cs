using System.Collections.Frozen;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary><c>algorithm</c> (a name) and <c>algorithm_params</c> (a JSON object of that algorithm's parameters).</summary>
internal static class AlgorithmParser
{
    private delegate IRasterAlgorithm Factory(Parameters p);

    private static readonly FrozenDictionary<string, Factory> Algorithms = new Dictionary<string, Factory>
    {
        ["hillshade"] = p => new Hillshade(p.Number("azimuth", 45, 0, 360), p.Number("angle_altitude", 45, -90, 90), (int)p.Number("buffer", 3, 0, 99)),
        ["normalizedIndex"] = _ => new NormalizedIndex(),
        ["terrarium"] = _ => new Terrarium(),
        ["terrainrgb"] = p => new TerrainRgb(p.Number("interval", 0.1, 1e-9, 1e9), p.Number("baseval", -10000, -1e9, 1e9)),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => Algorithms.Keys;

    public static IRasterAlgorithm? Parse(QueryReader query)
    {
        var name = query.String("algorithm");
        if (name is null)
            return null;
        if (!Algorithms.TryGetValue(name, out var factory))
            throw new InvalidParameterException("algorithm", $"algorithm: '{name}' is not one of {string.Join(", ", Algorithms.Keys)}");
        var parameters = new Parameters(ParseJson(query.String("algorithm_params")));
        var algorithm = factory(parameters);
        parameters.EnsureAllUsed(algorithm.Name);
        return algorithm;
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

    private sealed class Parameters(Dictionary<string, JsonElement> values)
    {
        private readonly HashSet<string> _used = [];

        public double Number(string name, double fallback, double min, double max)
        {
            _used.Add(name);
            if (!values.TryGetValue(name, out var element))
                return fallback;
            var ok = element.ValueKind == JsonValueKind.Number
                ? element.TryGetDouble(out var v)
                : double.TryParse(element.ValueKind == JsonValueKind.String ? element.GetString() : null, System.Globalization.CultureInfo.InvariantCulture, out v);
            if (!ok || v < min || v > max)
                throw new InvalidParameterException("algorithm_params", $"algorithm_params: {name} must be a number in {min}..{max}, got {element.GetRawText()}");
            return v;
        }

        public void EnsureAllUsed(string algorithm)
        {
            var unknown = values.Keys.Where(k => !_used.Contains(k)).ToArray();
            if (unknown.Length > 0)
                throw new InvalidParameterException("algorithm_params",
                    $"algorithm_params: {string.Join(", ", unknown)} not a parameter of {algorithm}" + (_used.Count > 0 ? $" ({string.Join(", ", _used)})" : " (it takes none)"));
        }
    }
}
