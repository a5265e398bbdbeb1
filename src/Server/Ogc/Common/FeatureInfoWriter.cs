using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// GetFeatureInfo responses (WMS and WMTS): one feature per queried layer holding its pixel values; with a time that
/// covers several dates of a time-enabled layer, JSON and CSV also give the value at each date.
/// </summary>
internal static class FeatureInfoWriter
{
    public static IResult ToResult(InfoFormat format, IReadOnlyList<PointValues> points) =>
        Results.Bytes(Write(format, points), format == OgcFormats.Text || format == OgcFormats.Html || format == OgcFormats.Csv ? format.MimeType + "; charset=utf-8" : format.MimeType);

    public static byte[] Write(InfoFormat format, IReadOnlyList<PointValues> points) => format.Extension switch
    {
        "json" => Json(points),
        "csv" => Encoding.UTF8.GetBytes(Csv(points)),
        "txt" => Encoding.UTF8.GetBytes(Text(points)),
        "html" => Encoding.UTF8.GetBytes(Html(points)),
        _ => Xml(points),
    };

    /// <summary>A GeoJSON FeatureCollection with the pixel centre as point geometry (in the request CRS).</summary>
    private static byte[] Json(IReadOnlyList<PointValues> points)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var point in points)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", point.Layer);
                json.WriteStartObject("geometry");
                json.WriteString("type", "Point");
                json.WriteStartArray("coordinates");
                json.WriteNumberValue(point.X);
                json.WriteNumberValue(point.Y);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("layer", point.Layer);
                json.WriteString("crs", point.Crs);
                WriteValues(json, point.Values);
                if (point.Series is { } series)
                {
                    json.WriteStartArray("time_series");
                    foreach (var date in series)
                    {
                        json.WriteStartObject();
                        json.WriteString("time", date.Time);
                        WriteValues(json, date.Values);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteValues(Utf8JsonWriter json, IReadOnlyList<(string Band, double? Value)> values)
    {
        foreach (var (band, value) in values)
        {
            if (value is { } v && double.IsFinite(v))
                json.WriteNumber(band, v);
            else
                json.WriteNull(band);
        }
    }

    /// <summary>One row per layer and band (per date too for a time series); the time is empty for a single read, the value for nodata.</summary>
    private static string Csv(IReadOnlyList<PointValues> points)
    {
        var csv = new StringBuilder("layer,time,band,value,x,y,crs\r\n");
        foreach (var point in points)
        {
            var dates = point.Series ?? [new PointAtTime("", point.Values)];
            foreach (var date in dates)
            {
                foreach (var (band, value) in date.Values)
                {
                    csv.Append(CultureInfo.InvariantCulture,
                        $"{CsvField(point.Layer)},{date.Time},{CsvField(band)},{(value is { } v && double.IsFinite(v) ? Number(v) : "")},{Number(point.X)},{Number(point.Y)},{point.Crs}\r\n");
                }
            }
        }
        return csv.ToString();
    }

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    private static string Text(IReadOnlyList<PointValues> points)
    {
        var text = new StringBuilder();
        foreach (var point in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"Layer '{point.Layer}' at {Number(point.X)} {Number(point.Y)} ({point.Crs})\n");
            foreach (var (band, value) in point.Values)
                text.Append(CultureInfo.InvariantCulture, $"  {band} = {Value(value)}\n");
        }
        return text.ToString();
    }

    private static string Html(IReadOnlyList<PointValues> points)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>GetFeatureInfo</title></head><body>\n");
        foreach (var point in points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<table><caption>{WebUtility.HtmlEncode(point.Layer)} at {Number(point.X)} {Number(point.Y)} ({WebUtility.HtmlEncode(point.Crs)})</caption>\n<tr><th>band</th><th>value</th></tr>\n");
            foreach (var (band, value) in point.Values)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(band)}</td><td>{Value(value)}</td></tr>\n");
            html.Append("</table>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>A GML-like feature collection: one <c>featureMember</c> per layer, one element per band.</summary>
    private static byte[] Xml(IReadOnlyList<PointValues> points) => OgcXml.Build(w =>
    {
        const string gml = "http://www.opengis.net/gml";
        w.WriteStartDocument();
        w.WriteStartElement("FeatureCollection");
        w.WriteAttributeString("xmlns", "gml", null, gml);
        foreach (var point in points)
        {
            w.WriteStartElement("featureMember", gml);
            w.WriteStartElement("Pixel");
            w.WriteAttributeString("layer", point.Layer);
            w.WriteStartElement("Point", gml);
            w.WriteAttributeString("srsName", point.Crs);
            w.WriteElementString("pos", gml, $"{Number(point.X)} {Number(point.Y)}");
            w.WriteEndElement();
            foreach (var (band, value) in point.Values)
            {
                w.WriteStartElement("Band");
                w.WriteAttributeString("name", band);
                w.WriteString(Value(value));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Value(double? value) => value is { } v ? Number(v) : "nodata";
}
