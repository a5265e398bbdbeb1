using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Time;

/// <summary>
/// Parses the ISO 8601 times of requests: a full date-time is an instant, a reduced date (2024, 2024-01, 2024-01-15)
/// the whole year, month or day (UTC); a range <c>start/end</c> runs from the start of one to the end of the other.
/// </summary>
internal static class TimeValues
{
    private static readonly (string Format, TimeResolution Width)[] ReducedDates =
        [("yyyy", TimeResolution.Year), ("yyyy-MM", TimeResolution.Month), ("yyyy-MM-dd", TimeResolution.Day)];

    public static bool TryParseValue(string text, out TimeRange value)
    {
        foreach (var (format, width) in ReducedDates)
        {
            if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            {
                start = start.ToUniversalTime();
                value = new TimeRange(start, width.StepEnd(start));
                return true;
            }
        }
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            value = new TimeRange(instant.ToUniversalTime(), instant.ToUniversalTime());
            return true;
        }
        value = default;
        return false;
    }

    public static TimeRange ParseValue(string text) => TryParseValue(text, out var value)
        ? value
        : throw Invalid(text, "is not an ISO 8601 time (2024-01-15T08:44:29Z, 2024-01-15, 2024-01 or 2024)");

    /// <summary><c>start/end</c>; the end may be <c>current</c> (now).</summary>
    public static TimeRange ParseRange(string text, DateTimeOffset now)
    {
        var parts = text.Split('/');
        if (parts.Length != 2)
            throw Invalid(text, "is not a range start/end (a period such as start/end/P1D is not supported)");
        var start = ParseValue(parts[0]).Start;
        var end = parts[1].Equals(TimeOptions.Current, StringComparison.OrdinalIgnoreCase) ? now : ParseValue(parts[1]).End;
        return start <= end ? new TimeRange(start, end) : throw Invalid(text, "starts after it ends");
    }

    private static InvalidParameterException Invalid(string text, string problem) => new("time", $"TIME '{text}' {problem}");
}
