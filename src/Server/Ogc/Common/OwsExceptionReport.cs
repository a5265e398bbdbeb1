namespace OgcTiler.Server.Ogc.Common;

/// <summary>OWS 1.1 <c>ExceptionReport</c> (the error document of WMTS), with the status and code of the exception.</summary>
internal static class OwsExceptionReport
{
    public const string ContentType = "application/xml";

    public static byte[] Write(OgcException exception) => OgcXml.Build(writer =>
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("ExceptionReport", OgcXml.Ows);
        writer.WriteAttributeString("xmlns", "xsi", null, OgcXml.Xsi);
        writer.WriteAttributeString("xsi", "schemaLocation", OgcXml.Xsi, $"{OgcXml.Ows} {OgcXml.SchemasOpenGis}/ows/1.1.0/owsExceptionReport.xsd");
        writer.WriteAttributeString("version", "1.0.0");
        writer.WriteAttributeString("xml", "lang", null, "en");
        writer.WriteStartElement("Exception", OgcXml.Ows);
        writer.WriteAttributeString("exceptionCode", exception.Code);
        if (exception.Locator is { } locator)
            writer.WriteAttributeString("locator", locator);
        writer.WriteElementString("ExceptionText", OgcXml.Ows, exception.Message);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    });

    public static IResult ToResult(OgcException exception) =>
        new BytesResult(Write(exception), ContentType, exception.Status);
}
