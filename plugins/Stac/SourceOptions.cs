using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Stac;

/// <summary>
/// Reads provider options: request parameters ("pixel_selection", "filter-lang") or config keys ("PixelSelection",
/// "FilterLang") name the same option, as keys match ignoring case, '_' and '-'.
/// </summary>
internal static class SourceOptions
{
    public static string? Get(IReadOnlyDictionary<string, string> options, string key)
    {
        if (options.TryGetValue(key, out var value))
            return Blank(value);
        var wanted = Normalize(key);
        foreach (var (name, text) in options)
        {
            if (Normalize(name) == wanted)
                return Blank(text);
        }
        return null;
    }

    private static string Normalize(string key) => key.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>A comma-separated list or a JSON array of strings; null when absent.</summary>
    public static IReadOnlyList<string>? List(IReadOnlyDictionary<string, string> options, string key)
    {
        if (Get(options, key) is not { } text)
            return null;
        if (text.StartsWith('['))
        {
            return Json(key, text) is JsonArray array && array.All(n => n is JsonValue v && v.TryGetValue<string>(out _))
                ? [.. array.Select(n => n!.GetValue<string>())]
                : throw new InvalidParameterException(key, $"'{key}' must be a JSON array of strings or a comma-separated list");
        }
        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    public static JsonNode Json(string key, string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidParameterException(key, $"'{key}' is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidParameterException(key, $"'{key}' is not valid JSON: {ex.Message}");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
