using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>A GetFeatureInfo output: MIME type and the extension of its RESTful URL.</summary>
internal sealed record InfoFormat(string MimeType, string Extension);

/// <summary>The picture formats (from <see cref="ImageFormats"/>) and feature-info formats WMTS and WMS offer.</summary>
internal static class OgcFormats
{
    public static IReadOnlyList<ImageFormat> Images => ImageFormats.Pictures;

    public static readonly InfoFormat Json = new("application/json", "json");
    public static readonly InfoFormat Csv = new("text/csv", "csv");
    public static readonly InfoFormat Text = new("text/plain", "txt");
    public static readonly InfoFormat Html = new("text/html", "html");
    public static readonly InfoFormat Xml = new("application/xml", "xml");

    public static readonly IReadOnlyList<InfoFormat> Infos = [Json, Csv, Text, Html, Xml];

    public static string ImageNames => string.Join(", ", Images.Select(f => f.ContentType));

    public static string InfoNames => string.Join(", ", Infos.Select(f => f.MimeType));

    public static ImageFormat? FindImage(string mimeType) => ImageFormats.FindPictureByContentType(mimeType);

    /// <summary>The info format for a MIME type; "text/xml" and GML names (sent by WMS 1.1.1 clients) give the XML output.</summary>
    public static InfoFormat? FindInfo(string mimeType) => mimeType.Trim() switch
    {
        "text/xml" or "application/vnd.ogc.gml" or "application/gml+xml" => Xml,
        var m => Infos.FirstOrDefault(f => f.MimeType == m),
    };

    public static InfoFormat? FindInfoByExtension(string extension) => Infos.FirstOrDefault(f => f.Extension == extension);
}
