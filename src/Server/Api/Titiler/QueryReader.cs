using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>Typed access to query parameters; a wrong value throws <see cref="InvalidParameterException"/> naming it.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public string? String(string name)
    {
        if (!query.TryGetValue(name, out var values))
            return null;
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (!string.IsNullOrEmpty(values[i]))
                return values[i];
        }
        return null;
    }

    /// <summary>Every non-empty value of a repeated parameter, in order.</summary>
    public IReadOnlyList<string> List(string name) =>
        query.TryGetValue(name, out var values) ? values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray() : [];

    /// <summary>Values given repeated (<c>p=2&amp;p=98</c>) or comma-separated (<c>p=2,98</c>), flattened.</summary>
    public IReadOnlyList<string> CommaList(string name) =>
        List(name).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(name);
        return text is null ? null : ParseInt(name, text, min, max);
    }

    public double? Double(string name)
    {
        var text = String(name);
        return text is null ? null : ParseDouble(name, text);
    }

    public bool? Bool(string name)
    {
        var text = String(name);
        if (text is null)
            return null;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new InvalidParameterException(name, $"{name}: '{text}' is not a boolean (use true or false)"),
        };
    }

    public static int ParseInt(string name, string text, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new InvalidParameterException(name, $"{name}: '{text}' is not an integer");
        if (value < min || value > max)
            throw new InvalidParameterException(name, $"{name}: {value} is outside {min}..{max}");
        return value;
    }

    /// <summary>"min,max" (brackets allowed, as TiTiler strips them).</summary>
    public static ValueRange ParseRange(string name, string value)
    {
        var parts = value.Replace("[", "").Replace("]", "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new InvalidParameterException(name, $"{name}: '{value}' must be 'min,max' (two numbers separated by a comma)");
        var min = ParseDouble(name, parts[0]);
        var max = ParseDouble(name, parts[1]);
        if (double.IsNaN(min) || double.IsNaN(max))
            throw new InvalidParameterException(name, $"{name}: '{value}' must be two numbers, not nan");
        return new ValueRange(min, max);
    }

    public static double ParseDouble(string name, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return double.NaN;
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
            throw new InvalidParameterException(name, $"{name}: '{text}' is not a number");
        return value;
    }
}
