using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>How a WMS GetMap reports an error: an XML document, the message drawn in the picture, or an empty picture.</summary>
internal enum WmsExceptionMode { Xml, InImage, Blank }

/// <summary>The EXCEPTIONS parameter and the <c>ServiceExceptionReport</c> document of WMS 1.3.0 and 1.1.1.</summary>
internal static class WmsExceptions
{
    private const string Ogc = "http://www.opengis.net/ogc";

    public static IReadOnlyList<string> Formats(WmsVersion version) => version.Is130
        ? ["XML", "INIMAGE", "BLANK"]
        : ["application/vnd.ogc.se_xml", "application/vnd.ogc.se_inimage", "application/vnd.ogc.se_blank"];

    /// <summary>Both versions' names are accepted in both versions (clients mix them); absent means XML.</summary>
    public static WmsExceptionMode ParseMode(string? value) => value switch
    {
        null or "" or "XML" or "application/vnd.ogc.se_xml" or "text/xml" => WmsExceptionMode.Xml,
        "INIMAGE" or "application/vnd.ogc.se_inimage" => WmsExceptionMode.InImage,
        "BLANK" or "application/vnd.ogc.se_blank" => WmsExceptionMode.Blank,
        _ => throw OgcException.Invalid("exceptions", $"EXCEPTIONS '{value}' is not supported (valid: XML, INIMAGE, BLANK and the application/vnd.ogc.se_* names)"),
    };

    public static byte[] Write(WmsVersion version, OgcException exception) => OgcXml.Build(w =>
    {
        w.WriteStartDocument();
        if (version.Is130)
        {
            w.WriteStartElement("ServiceExceptionReport", Ogc);
            w.WriteAttributeString("xmlns", "xsi", null, OgcXml.Xsi);
            w.WriteAttributeString("xsi", "schemaLocation", OgcXml.Xsi, $"{Ogc} {OgcXml.SchemasOpenGis}/wms/1.3.0/exceptions_1_3_0.xsd");
        }
        else
        {
            w.WriteDocType("ServiceExceptionReport", null, $"{OgcXml.SchemasOpenGis}/wms/1.1.1/WMS_exception_1_1_1.dtd", null);
            w.WriteStartElement("ServiceExceptionReport");
        }
        w.WriteAttributeString("version", version.Number);
        w.WriteStartElement("ServiceException", version.Is130 ? Ogc : null);
        w.WriteAttributeString("code", exception.Code);
        if (version.Is130 && exception.Locator is { } locator)
            w.WriteAttributeString("locator", locator);
        w.WriteString(exception.Message);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    public static IResult ToXmlResult(WmsVersion version, OgcException exception) =>
        new BytesResult(Write(version, exception), version.ExceptionContentType, exception.Status);
}
