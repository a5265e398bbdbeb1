namespace OgcTiler.Server.Configuration;

/// <summary>The configuration is invalid; <see cref="Errors"/> lists every problem found, each prefixed by its key.</summary>
public sealed class ConfigurationException(string source, IReadOnlyList<string> errors)
    : Exception($"{source}: {errors.Count} configuration error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Typed reads of configuration values that collect every error instead of stopping at the first.</summary>
internal sealed class ConfigReader(IConfiguration root)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Error(string key, string message) => _errors.Add($"{key}: {message}");

    public IConfigurationSection Section(string key) => root.GetSection(key);

    /// <summary>Reports keys of <paramref name="section"/> that are not in <paramref name="known"/>.</summary>
    public void CheckKeys(IConfigurationSection section, params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                Error(child.Path, $"unknown key (known keys: {string.Join(", ", known)})");
        }
    }

    public string? String(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        if (child.Value is null && child.GetChildren().Any())
            Error(child.Path, "expected a single value, not a list or object");
        return string.IsNullOrWhiteSpace(child.Value) ? null : child.Value;
    }

    public string RequiredString(IConfigurationSection section, string key)
    {
        var value = String(section, key);
        if (value is null)
            Error(section.GetSection(key).Path, "is required");
        return value ?? "";
    }

    public int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = String(section, key);
        if (text is null)
            return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        Error(section.GetSection(key).Path, $"'{text}' is not an integer in {min}..{max}");
        return fallback;
    }

    public double? Double(IConfigurationSection section, string key)
    {
        var text = String(section, key);
        if (text is null)
            return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return value;
        Error(section.GetSection(key).Path, $"'{text}' is not a number");
        return null;
    }

    public bool Bool(IConfigurationSection section, string key, bool fallback)
    {
        var text = String(section, key);
        if (text is null)
            return fallback;
        if (bool.TryParse(text, out var value))
            return value;
        Error(section.GetSection(key).Path, $"'{text}' is not true or false");
        return fallback;
    }

    public T Enum<T>(IConfigurationSection section, string key, T fallback) where T : struct, Enum
    {
        var text = String(section, key);
        if (text is null)
            return fallback;
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]))
            return value;
        Error(section.GetSection(key).Path, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
        return fallback;
    }

    /// <summary>A list given as a JSON array (Key:0, Key:1, ...); a single value counts as a list of one.</summary>
    public IReadOnlyList<string>? Strings(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        if (child.Value is not null)
            return [child.Value];
        var items = child.GetChildren().ToList();
        if (items.Count == 0)
            return null;
        var values = new List<string>();
        foreach (var item in items)
        {
            if (item.Value is null)
                Error(item.Path, "expected a single value");
            else
                values.Add(item.Value);
        }
        return values;
    }
}
