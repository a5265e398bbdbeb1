using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Layers.Time;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// The TIME of a WMS or WMTS request on a time-enabled layer (WMS 1.3.0 Annex C): absent with no default is
/// MissingDimensionValue, a value that is not a time or matches none (and nearest values are off) InvalidDimensionValue.
/// </summary>
internal static class OgcTime
{
    /// <summary>WMS: the dimension codes of Annex C, locator <c>time</c>.</summary>
    public static readonly TimeErrors Wms = new(OgcCodes.MissingDimensionValue, OgcCodes.InvalidDimensionValue, "time", StatusCodes.Status400BadRequest);

    /// <summary>WMTS KVP (OWS codes: WMTS 1.0 has no dimension codes), locator <c>Time</c>.</summary>
    public static readonly TimeErrors WmtsKvp = new(OgcCodes.MissingParameterValue, OgcCodes.InvalidParameterValue, "Time", StatusCodes.Status400BadRequest);

    /// <summary>WMTS RESTful: a time in the path that matches nothing is a resource that does not exist.</summary>
    public static readonly TimeErrors WmtsRest = WmtsKvp with { Status = StatusCodes.Status404NotFound };

    /// <summary>The layer as read for the time: its source over only the selected items. Layers without a dimension are unchanged.</summary>
    public static (OgcLayer Layer, TimeSelection? Selection) Select(OgcLayer layer, string? value, DateTimeOffset now, TimeErrors errors)
    {
        if (layer.Time is not { } dimension)
            return (layer, null);
        try
        {
            var selection = dimension.Select(value, now)
                ?? throw new OgcException(errors.Missing, errors.Locator, $"layer '{layer.Id}' has no default time: give {errors.Locator.ToUpperInvariant()} (values: {dimension.Describe()})");
            return (layer with { Source = LayerTimes.Read(layer.Definition, layer.Source, selection) }, selection);
        }
        catch (InvalidParameterException e) when (e.Parameter == "time")
        {
            throw new OgcException(errors.Invalid, errors.Locator, e.Message, errors.Status);
        }
    }

    /// <summary>The exception codes, locator and status of a service's time errors.</summary>
    public sealed record TimeErrors(string Missing, string Invalid, string Locator, int Status);

    /// <summary>The HTTP Warning of Annex C.4.2 for the values a nearest value stood in for; null when none did.</summary>
    public static string? NearestValueWarning(IEnumerable<TimeSelection?> selections) =>
        selections.Select(s => s?.NearestUsed).FirstOrDefault(n => n is not null) is { } used
            ? $"99 Nearest value used: time={used} ISO8601"
            : null;
}
