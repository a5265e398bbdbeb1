using System.Xml;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Ogc.Wmts;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The RESTful WMTS 1.0.0 capabilities of one /cog or /stac request, as TiTiler's wmtsExtension: a layer per
/// TileMatrixSet that holds the data, limited to the request's zoom range, whose ResourceURL carries the request's
/// query. The sets themselves are written by <see cref="WmtsMatrixSetWriter"/>, as on /wmts.
/// </summary>
internal static class WmtsDocument
{
    private const string Ows = OgcXml.Ows;
    private const string Wmts = OgcXml.Wmts;

    /// <summary>One layer: the set it is offered in, the limits written (the zoom range's) and its tile URL template.</summary>
    public sealed record SetLayer(WmtsLayerSet Set, IReadOnlyList<WmtsLimits> Limits, string TileTemplate);

    /// <summary>
    /// The document of <paramref name="layers"/> (named <c>{name}_{set}_default</c> as TiTiler) over
    /// <paramref name="sets"/>; <paramref name="useEpsg"/> writes <c>EPSG:n</c> as SupportedCRS (ArcMap) instead of
    /// the set's CRS URI.
    /// </summary>
    public static byte[] Build(string name, string requestUrl, IReadOnlyList<SetLayer> layers, IEnumerable<TileMatrixSet> sets,
        Bounds wgs84, string contentType, bool useEpsg) => OgcXml.Build(w =>
    {
        WmtsMatrixSetWriter.StartCapabilities(w);
        w.WriteStartElement("ServiceIdentification", Ows);
        w.WriteElementString("Title", Ows, name);
        w.WriteElementString("ServiceType", Ows, "OGC WMTS");
        w.WriteElementString("ServiceTypeVersion", Ows, "1.0.0");
        w.WriteEndElement();
        WriteOperations(w, requestUrl);
        w.WriteStartElement("Contents", Wmts);
        foreach (var layer in layers)
            WriteLayer(w, $"{name}_{layer.Set.Set.Id}_default", layer, wgs84, contentType);
        foreach (var set in sets)
            WmtsMatrixSetWriter.WriteTileMatrixSet(w, set, useEpsg && set.Crs.Epsg is { } epsg ? $"EPSG:{epsg}" : set.CrsUri);
        w.WriteEndElement();
        w.WriteStartElement("ServiceMetadataURL", Wmts);
        w.WriteAttributeString("xlink", "href", OgcXml.XLink, requestUrl);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    /// <summary>GetCapabilities and GetTile, RESTful only, both at this request's URL as TiTiler writes them.</summary>
    private static void WriteOperations(XmlWriter w, string requestUrl)
    {
        w.WriteStartElement("OperationsMetadata", Ows);
        foreach (var operation in new[] { "GetCapabilities", "GetTile" })
        {
            w.WriteStartElement("Operation", Ows);
            w.WriteAttributeString("name", operation);
            w.WriteStartElement("DCP", Ows);
            w.WriteStartElement("HTTP", Ows);
            w.WriteStartElement("Get", Ows);
            w.WriteAttributeString("xlink", "href", OgcXml.XLink, requestUrl);
            w.WriteStartElement("Constraint", Ows);
            w.WriteAttributeString("name", "GetEncoding");
            w.WriteStartElement("AllowedValues", Ows);
            w.WriteElementString("Value", Ows, "RESTful");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteLayer(XmlWriter w, string id, SetLayer layer, Bounds wgs84, string contentType)
    {
        w.WriteStartElement("Layer", Wmts);
        w.WriteElementString("Title", Ows, id);
        WmtsMatrixSetWriter.WriteWgs84Boxes(w, wgs84);
        w.WriteElementString("Identifier", Ows, id);
        WmtsMatrixSetWriter.WriteBoundingBox(w, layer.Set.Set, layer.Set.Box);
        w.WriteStartElement("Style", Wmts);
        w.WriteAttributeString("isDefault", "true");
        w.WriteElementString("Identifier", Ows, "default");
        w.WriteEndElement();
        w.WriteElementString("Format", Wmts, contentType);
        WmtsMatrixSetWriter.WriteLink(w, layer.Set, layer.Limits);
        w.WriteStartElement("ResourceURL", Wmts);
        w.WriteAttributeString("format", contentType);
        w.WriteAttributeString("resourceType", "tile");
        w.WriteAttributeString("template", layer.TileTemplate);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
