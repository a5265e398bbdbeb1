using System.Xml;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>
/// The WMTS 1.0.0 <c>Dimension</c> of a time-enabled layer: identifier <c>Time</c>, UOM ISO8601, the default, whether
/// <c>current</c> is kept, one <c>Value</c> per time value; and the <c>{Time}</c> segment of its RESTful templates.
/// </summary>
internal static class WmtsTimeDimension
{
    public const string Identifier = "Time";

    public static void Write(XmlWriter w, TimeDimension time)
    {
        w.WriteStartElement("Dimension", OgcXml.Wmts);
        w.WriteElementString("Identifier", OgcXml.Ows, Identifier);
        w.WriteElementString("UOM", OgcXml.Ows, "ISO8601");
        if (time.DefaultValue is { } value)
            w.WriteElementString("Default", OgcXml.Wmts, value);
        w.WriteElementString("Current", OgcXml.Wmts, time.Options.RefreshSeconds > 0 || time.Options.Default == TimeOptions.Current ? "true" : "false");
        foreach (var step in time.Steps)
            w.WriteElementString("Value", OgcXml.Wmts, step.Label);
        w.WriteEndElement();
    }

    /// <summary>"/{Time}" after the style for a time-enabled layer, "" otherwise.</summary>
    public static string TemplateSegment(OgcLayer layer) => layer.Time is null ? "" : "/{" + Identifier + "}";
}
