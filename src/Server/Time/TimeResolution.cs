using System.Globalization;

namespace OgcTiler.Server.Time;

/// <summary>The width of one value of a time dimension: each item's own instant, or the day, month or year it falls in (UTC).</summary>
public enum TimeResolution { Instant, Day, Month, Year }

internal static class TimeResolutions
{
    /// <summary>The names <c>Time:Resolution</c> accepts: ISO 8601 durations, or "instant" (PT0S).</summary>
    public static readonly IReadOnlyDictionary<string, TimeResolution> Names = new Dictionary<string, TimeResolution>(StringComparer.OrdinalIgnoreCase)
    {
        ["instant"] = TimeResolution.Instant,
        ["PT0S"] = TimeResolution.Instant,
        ["P1D"] = TimeResolution.Day,
        ["P1M"] = TimeResolution.Month,
        ["P1Y"] = TimeResolution.Year,
    };

    /// <summary>The first instant of the step <paramref name="time"/> falls in.</summary>
    public static DateTimeOffset Floor(this TimeResolution resolution, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return resolution switch
        {
            TimeResolution.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            TimeResolution.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            TimeResolution.Year => new DateTimeOffset(utc.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            _ => utc,
        };
    }

    /// <summary>The last instant (to the tick) of the step starting at <paramref name="start"/>.</summary>
    public static DateTimeOffset StepEnd(this TimeResolution resolution, DateTimeOffset start) => resolution switch
    {
        TimeResolution.Day => start.AddDays(1).AddTicks(-1),
        TimeResolution.Month => start.AddMonths(1).AddTicks(-1),
        TimeResolution.Year => start.AddYears(1).AddTicks(-1),
        _ => start,
    };

    /// <summary>The ISO 8601 text of the step starting at <paramref name="start"/>: 2024-01-15T08:44:29Z, 2024-01-15, 2024-01, 2024.</summary>
    public static string Label(this TimeResolution resolution, DateTimeOffset start) => start.ToString(resolution switch
    {
        TimeResolution.Day => "yyyy-MM-dd",
        TimeResolution.Month => "yyyy-MM",
        TimeResolution.Year => "yyyy",
        _ => "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    }, CultureInfo.InvariantCulture);
}
