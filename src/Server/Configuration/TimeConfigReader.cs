using OgcTiler.Server.Time;

namespace OgcTiler.Server.Configuration;

/// <summary>Binds a layer's <c>Time</c>: <c>Resolution</c> (P1D), <c>Default</c> (latest), <c>RefreshSeconds</c> (0), <c>NearestValue</c> (false).</summary>
internal static class TimeConfigReader
{
    public static TimeOptions Read(ConfigReader reader, IConfigurationSection s)
    {
        reader.CheckKeys(s, "Resolution", "Default", "RefreshSeconds", "NearestValue");
        var resolutionText = reader.String(s, "Resolution") ?? "P1D";
        if (!TimeResolutions.Names.TryGetValue(resolutionText, out var resolution))
            reader.Error(s.GetSection("Resolution").Path, $"'{resolutionText}' is not one of {string.Join(", ", TimeResolutions.Names.Keys)}");
        return new TimeOptions(resolution, ReadDefault(reader, s), reader.Int(s, "RefreshSeconds", 0, 0, 7 * 24 * 3600), reader.Bool(s, "NearestValue", false));
    }

    /// <summary>"latest" when absent, "none" for no default, "current", or an ISO 8601 time.</summary>
    private static string? ReadDefault(ConfigReader reader, IConfigurationSection s)
    {
        var text = reader.String(s, "Default");
        if (text is null || text.Equals(TimeOptions.Latest, StringComparison.OrdinalIgnoreCase))
            return TimeOptions.Latest;
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        if (text.Equals(TimeOptions.Current, StringComparison.OrdinalIgnoreCase))
            return TimeOptions.Current;
        if (!TimeValues.TryParseValue(text, out _))
            reader.Error(s.GetSection("Default").Path, $"'{text}' is not latest, current, none or an ISO 8601 time (2024-01-15)");
        return text;
    }
}
