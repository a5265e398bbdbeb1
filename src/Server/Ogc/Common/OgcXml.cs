using System.Globalization;
using System.Text;
using System.Xml;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>Namespaces, writer settings and number formatting shared by the OGC XML documents.</summary>
internal static class OgcXml
{
    public const string Ows = "http://www.opengis.net/ows/1.1";
    public const string Wmts = "http://www.opengis.net/wmts/1.0";
    public const string Wms = "http://www.opengis.net/wms";
    public const string Sld = "http://www.opengis.net/sld";
    public const string XLink = "http://www.w3.org/1999/xlink";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string SchemasOpenGis = "http://schemas.opengis.net";

    public static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = " ",
        Async = false,
    };

    /// <summary>Writes a document into bytes with <paramref name="write"/>.</summary>
    public static byte[] Build(Action<XmlWriter> write, XmlWriterSettings? settings = null)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings ?? Settings))
        {
            write(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Shortest round-trippable invariant text of a coordinate or scale.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static void Href(this XmlWriter writer, string href)
    {
        writer.WriteAttributeString("xlink", "type", XLink, "simple");
        writer.WriteAttributeString("xlink", "href", XLink, href);
    }
}
