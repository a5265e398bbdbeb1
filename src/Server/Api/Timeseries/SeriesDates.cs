using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Api.Timeseries;

/// <summary>One date of a time series: its start, ISO 8601 label, the ids of the items it reads and the source over them.</summary>
internal sealed record SeriesDate(DateTimeOffset Start, string Label, IReadOnlyList<string> Items, IRasterSource Source);

/// <summary>
/// <c>group_by</c>: <c>day</c> (default) mosaics the items of each UTC day, <c>item</c> gives each acquisition time
/// its own date (items of the very same instant still read together).
/// </summary>
internal static class SeriesDates
{
    public static TimeResolution ParseGrouping(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "day" => TimeResolution.Day,
        "item" => TimeResolution.Instant,
        _ => throw new InvalidParameterException("group_by", $"group_by: '{value}' is not day or item"),
    };

    /// <summary>
    /// The dates of the timed sources (a search mosaic, or one source per listed item), in time order. A date reads
    /// every source with an item in it, through <see cref="FirstValidSource"/> when there are several.
    /// </summary>
    public static IReadOnlyList<SeriesDate> Group(IReadOnlyList<ITimedSource> sources, TimeResolution grouping)
    {
        var parts = sources.SelectMany(s => s.Times).ToArray();
        return [.. parts.Select(p => grouping.Floor(p.Time.Start)).Distinct().Order().Select(start =>
        {
            TimeRange[] range = [new TimeRange(start, grouping.StepEnd(start))];
            var items = parts.Where(p => p.Time.Meets(range[0])).Select(p => p.Id).Distinct().ToArray();
            var read = sources.Select(s => s.During(range)).OfType<IRasterSource>().ToArray();
            return new SeriesDate(start, grouping.Label(start), items, read.Length == 1 ? read[0] : new FirstValidSource(read));
        })];
    }
}
