using System.Xml;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>
/// The WMTS 1.0.0 <c>Dimension</c> of a time-enabled layer: identifier <c>Time</c>, UOM ISO8601, the default, whether
/// <c>current</c> is kept, one <c>Value</c> per time value; the default a capabilities request's <c>Time</c> sets; and
/// the <c>{Time}</c> segment of its RESTful templates.
/// </summary>
internal static class WmtsTimeDimension
{
    public const string Identifier = "Time";

    /// <param name="defaultValue">The <c>Default</c> written: the layer's, or the one a capabilities request's <c>Time</c> gave.</param>
    public static void Write(XmlWriter w, TimeDimension time, string? defaultValue)
    {
        w.WriteStartElement("Dimension", OgcXml.Wmts);
        w.WriteElementString("Identifier", OgcXml.Ows, Identifier);
        w.WriteElementString("UOM", OgcXml.Ows, "ISO8601");
        if (defaultValue is not null)
            w.WriteElementString("Default", OgcXml.Wmts, defaultValue);
        w.WriteElementString("Current", OgcXml.Wmts, time.Options.RefreshSeconds > 0 || time.Options.Default == TimeOptions.Current ? "true" : "false");
        foreach (var step in time.Steps)
            w.WriteElementString("Value", OgcXml.Wmts, step.Label);
        w.WriteEndElement();
    }

    /// <summary>
    /// The <c>Default</c> of each time-enabled layer for a capabilities request's <c>Time</c>: the one value of the
    /// layer's it selects (by GetTile's rules: a reduced date, an instant, <c>current</c>, the nearest value where the
    /// layer takes one); a layer it selects none of keeps its default. A Time that selects several values of a layer
    /// (a range, a list, a year of several dates), or no value of any layer, is InvalidParameterValue.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Defaults(IReadOnlyList<OgcLayer> layers, string time, DateTimeOffset now)
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        var timed = layers.Where(l => l.Time is not null).ToList();
        foreach (var layer in timed)
        {
            TimeSelection selection;
            try
            {
                selection = layer.Time!.Select(time, now)!;
            }
            catch (InvalidParameterException e) when (e.Parameter == "time")
            {
                continue;
            }
            if (selection.Ranges.Count != 1 || selection.Key.Contains('/'))
                throw Invalid($"Time '{time}' selects {selection.Key} of layer '{layer.Id}': a capabilities Time is one value, the Default it writes");
            defaults[layer.Id] = selection.Key;
        }
        return defaults.Count > 0
            ? defaults
            : throw Invalid($"Time '{time}' matches none of the times of the time-enabled layers ({string.Join("; ", timed.Select(l => $"{l.Id}: {l.Time!.Describe()}"))})");
    }

    private static OgcException Invalid(string message) => new(OgcCodes.InvalidParameterValue, Identifier, message);

    /// <summary>"/{Time}" after the style for a time-enabled layer, "" otherwise.</summary>
    public static string TemplateSegment(OgcLayer layer) => layer.Time is null ? "" : "/{" + Identifier + "}";
}
