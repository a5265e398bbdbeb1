using System.Globalization;
using System.Xml.Linq;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The small WMTS 1.0.0 capabilities of one /cog or /stac request: one layer, one TileMatrixSet limited to the
/// source's zoom range, a RESTful ResourceURL template carrying the request's query.
/// </summary>
internal static class WmtsDocument
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    public static string Build(string title, TileMatrixSet tms, int minZoom, int maxZoom, Bounds wgs84, string tileTemplate, string contentType)
    {
        var matrices = tms.Matrices.Skip(minZoom).Take(maxZoom - minZoom + 1).ToArray();
        var document = new XDocument(new XElement(Wmts + "Capabilities",
            new XAttribute("version", "1.0.0"),
            new XAttribute(XNamespace.Xmlns + "ows", Ows),
            new XAttribute(XNamespace.Xmlns + "xlink", XLink),
            new XElement(Ows + "ServiceIdentification",
                new XElement(Ows + "Title", title),
                new XElement(Ows + "ServiceType", "OGC WMTS"),
                new XElement(Ows + "ServiceTypeVersion", "1.0.0")),
            new XElement(Wmts + "Contents",
                new XElement(Wmts + "Layer",
                    new XElement(Ows + "Title", title),
                    new XElement(Ows + "WGS84BoundingBox",
                        new XElement(Ows + "LowerCorner", Pair(wgs84.MinX, wgs84.MinY)),
                        new XElement(Ows + "UpperCorner", Pair(wgs84.MaxX, wgs84.MaxY))),
                    new XElement(Ows + "Identifier", "default"),
                    new XElement(Wmts + "Style", new XAttribute("isDefault", "true"), new XElement(Ows + "Identifier", "default")),
                    new XElement(Wmts + "Format", contentType),
                    new XElement(Wmts + "TileMatrixSetLink", new XElement(Wmts + "TileMatrixSet", tms.Id)),
                    new XElement(Wmts + "ResourceURL",
                        new XAttribute("format", contentType), new XAttribute("resourceType", "tile"), new XAttribute("template", tileTemplate))),
                new XElement(Wmts + "TileMatrixSet",
                    new XElement(Ows + "Identifier", tms.Id),
                    new XElement(Ows + "SupportedCRS", tms.CrsUri),
                    matrices.Select(m => Matrix(tms, m))))));
        return document.Declaration + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Matrix(TileMatrixSet tms, TileMatrix m)
    {
        var (first, second) = tms.TopLeftCorner(m);
        return new XElement(Wmts + "TileMatrix",
            new XElement(Ows + "Identifier", m.Id),
            new XElement(Wmts + "ScaleDenominator", m.ScaleDenominator.ToString("R", CultureInfo.InvariantCulture)),
            new XElement(Wmts + "TopLeftCorner", Pair(first, second)),
            new XElement(Wmts + "TileWidth", m.TileWidth),
            new XElement(Wmts + "TileHeight", m.TileHeight),
            new XElement(Wmts + "MatrixWidth", m.MatrixWidth),
            new XElement(Wmts + "MatrixHeight", m.MatrixHeight));
    }

    private static string Pair(double a, double b) =>
        a.ToString("R", CultureInfo.InvariantCulture) + " " + b.ToString("R", CultureInfo.InvariantCulture);
}
