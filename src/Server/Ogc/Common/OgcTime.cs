using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Layers.Time;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// The TIME of a WMS or WMTS request on a time-enabled layer (WMS 1.3.0 Annex C): absent with no default is
/// MissingDimensionValue, a value that is not a time or matches none (and nearest values are off) InvalidDimensionValue.
/// </summary>
internal static class OgcTime
{
    /// <summary>The layer as read for the time: its source over only the selected items. Layers without a dimension are unchanged.</summary>
    public static (OgcLayer Layer, TimeSelection? Selection) Select(OgcLayer layer, string? value, DateTimeOffset now)
    {
        if (layer.Time is not { } dimension)
            return (layer, null);
        try
        {
            var selection = dimension.Select(value, now)
                ?? throw new OgcException(OgcCodes.MissingDimensionValue, "time", $"layer '{layer.Id}' has no default time: give TIME (values: {dimension.Describe()})");
            return (layer with { Source = LayerTimes.Read(layer.Definition, layer.Source, selection) }, selection);
        }
        catch (InvalidParameterException e) when (e.Parameter == "time")
        {
            throw new OgcException(OgcCodes.InvalidDimensionValue, "time", e.Message);
        }
    }

    /// <summary>The HTTP Warning of Annex C.4.2 for the values a nearest value stood in for; null when none did.</summary>
    public static string? NearestValueWarning(IEnumerable<TimeSelection?> selections) =>
        selections.Select(s => s?.NearestUsed).FirstOrDefault(n => n is not null) is { } used
            ? $"99 Nearest value used: time={used} ISO8601"
            : null;
}
