using System.Security.Cryptography;
using System.Text;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Layers.Time;

/// <summary>One value of a time dimension: its ISO 8601 text and the interval of item times it stands for.</summary>
public sealed record TimeStep(string Label, TimeRange Range);

/// <summary>
/// What a request's time value resolved to: the intervals whose items are read, a canonical <see cref="Key"/> for caches,
/// and the value used instead when the asked one matched nothing (nearest value).
/// </summary>
public sealed record TimeSelection(string Key, IReadOnlyList<TimeRange> Ranges, string? NearestUsed);

/// <summary>
/// The time dimension of a layer: its items' times grouped into steps of the layer's resolution, in time order, and
/// the rules of WMS 1.3.0 Annex C for the values a request gives (an instant or reduced date such as 2024-01, a range
/// <c>start/end</c> whose end may be <c>current</c>, a comma list, or <c>current</c>).
/// </summary>
public sealed class TimeDimension
{
    public TimeDimension(string layerId, TimeOptions options, IReadOnlyList<PartTime> times)
    {
        Options = options;
        LayerId = layerId;
        Steps = [.. times.Select(t => options.Resolution.Floor(t.Time.Start)).Distinct().Order()
            .Select(start => new TimeStep(options.Resolution.Label(start), new TimeRange(start, options.Resolution.StepEnd(start))))];
        if (Steps.Count == 0)
            throw new ResourceNotFoundException($"layer '{layerId}' has a Time dimension but none of its items has a datetime (or start_datetime)");
        Version = Hash(times);
    }

    public string LayerId { get; }

    public TimeOptions Options { get; }

    public IReadOnlyList<TimeStep> Steps { get; }

    /// <summary>Changes whenever an item or an item's time changes (refreshes that find new items).</summary>
    public string Version { get; }

    public TimeStep Latest => Steps[^1];

    /// <summary>The default written in capabilities: the latest value, "current", the configured value, or null for none.</summary>
    public string? DefaultValue => Options.Default switch
    {
        null => null,
        TimeOptions.Latest => Latest.Label,
        var other => other,
    };

    /// <summary>The selection for a request's value; with no value, the default's; null when there is neither.</summary>
    /// <exception cref="InvalidParameterException">the value is not a time, or matches no value (and nearest values are off).</exception>
    public TimeSelection? Select(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Options.Default is null ? null : Select(Options.Default == TimeOptions.Latest ? TimeOptions.Current : Options.Default, now);
        var keys = new List<string>();
        var ranges = new List<TimeRange>();
        string? nearest = null;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Contains('/'))
            {
                var range = TimeValues.ParseRange(part, now);
                if (!Steps.Any(s => s.Range.Meets(range)))
                    throw NoMatch(part);
                keys.Add($"{range.Start:O}/{range.End:O}");
                ranges.Add(range);
                continue;
            }
            var matched = part.Equals(TimeOptions.Current, StringComparison.OrdinalIgnoreCase)
                ? [Latest]
                : Matching(TimeValues.ParseValue(part));
            if (matched.Count == 0)
            {
                if (!Options.NearestValue)
                    throw NoMatch(part);
                matched = [Nearest(TimeValues.ParseValue(part))];
                nearest = nearest is null ? matched[0].Label : $"{nearest},{matched[0].Label}";
            }
            keys.AddRange(matched.Select(s => s.Label));
            ranges.AddRange(matched.Select(s => s.Range));
        }
        return new TimeSelection(string.Join(',', keys), ranges, nearest);
    }

    private List<TimeStep> Matching(TimeRange value) => [.. Steps.Where(s => s.Range.Meets(value))];

    private TimeStep Nearest(TimeRange value) =>
        Steps.MinBy(s => s.Range.End < value.Start ? value.Start - s.Range.End : s.Range.Start - value.End)!;

    private InvalidParameterException NoMatch(string part) =>
        new("time", $"TIME '{part}' matches none of the times of layer '{LayerId}' ({Describe()})");

    /// <summary>The values for a message: all of them up to 10, else the first and last and how many.</summary>
    public string Describe() => Steps.Count <= 10
        ? string.Join(", ", Steps.Select(s => s.Label))
        : $"{Steps[0].Label} … {Latest.Label}, {Steps.Count} values";

    private static string Hash(IReadOnlyList<PartTime> times)
    {
        var text = new StringBuilder();
        foreach (var t in times)
            text.Append(t.Id).Append('|').Append(t.Time.Start.UtcTicks).Append('|').Append(t.Time.End.UtcTicks).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }
}
