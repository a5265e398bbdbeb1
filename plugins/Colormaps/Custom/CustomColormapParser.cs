using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Custom;

/// <summary>
/// Parses TiTiler's <c>colormap=</c> JSON: an object of value → colour (discrete classes) or an array of
/// [[min, max], colour] (intervals).
/// </summary>
internal static class CustomColormapParser
{
    public const int MaxEntries = 4096;

    public static IColormap Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw ColorParser.Invalid($"not valid JSON ({error.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => new DiscreteColormap(ParseDiscrete(root)),
                JsonValueKind.Array => new IntervalColormap(ParseIntervals(root)),
                _ => throw ColorParser.Invalid("expected an object {\"value\": colour} or an array [[[min, max], colour], ...]"),
            };
        }
    }

    private static List<ColormapEntry> ParseDiscrete(JsonElement root)
    {
        var entries = new List<ColormapEntry>();
        foreach (var property in root.EnumerateObject())
        {
            if (!double.TryParse(property.Name, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw ColorParser.Invalid($"key '{property.Name}' is not a number");
            var (r, g, b, a) = ColorParser.Parse(property.Value);
            entries.Add(new ColormapEntry(value, value, r, g, b, a));
            CheckCount(entries.Count);
        }
        return entries;
    }

    private static List<ColormapEntry> ParseIntervals(JsonElement root)
    {
        var entries = new List<ColormapEntry>();
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2 || item[0] is not { ValueKind: JsonValueKind.Array } range
                || range.GetArrayLength() != 2 || !range[0].TryGetDouble(out var min) || !range[1].TryGetDouble(out var max))
                throw ColorParser.Invalid($"an interval must be [[min, max], colour], not {item.GetRawText()}");
            if (!(min < max))
                throw ColorParser.Invalid($"interval [{min}, {max}] is empty (min must be below max)");
            var (r, g, b, a) = ColorParser.Parse(item[1]);
            entries.Add(new ColormapEntry(min, max, r, g, b, a));
            CheckCount(entries.Count);
        }
        return entries;
    }

    private static void CheckCount(int count)
    {
        if (count > MaxEntries)
            throw ColorParser.Invalid($"more than {MaxEntries} entries");
    }
}
