using System.Xml;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>
/// The TileMatrixSet side of a WMTS 1.0.0 document: the set with its matrices, a layer's link with its limits and
/// its box in the set's CRS. One writer for /wmts and for the /cog and /stac WMTSCapabilities.xml, so every
/// document describes a set with the same numbers.
/// </summary>
internal static class WmtsMatrixSetWriter
{
    private const string Ows = OgcXml.Ows;
    private const string Wmts = OgcXml.Wmts;

    /// <summary>The document's start: the Capabilities element with its namespaces, schema location and version.</summary>
    public static void StartCapabilities(XmlWriter w)
    {
        w.WriteStartDocument();
        w.WriteStartElement("Capabilities", Wmts);
        w.WriteAttributeString("xmlns", "ows", null, Ows);
        w.WriteAttributeString("xmlns", "xlink", null, OgcXml.XLink);
        w.WriteAttributeString("xmlns", "xsi", null, OgcXml.Xsi);
        w.WriteAttributeString("xsi", "schemaLocation", OgcXml.Xsi, $"{Wmts} {OgcXml.SchemasOpenGis}/wmts/1.0/wmtsGetCapabilities_response.xsd");
        w.WriteAttributeString("version", "1.0.0");
    }

    /// <summary>
    /// The set with every matrix, scales at 0.28 mm pixels (<see cref="TileMatrixSet.StandardScaleDenominator"/>).
    /// <paramref name="supportedCrs"/> names the CRS as the document's door does (URN on /wmts, TiTiler's URI or EPSG code).
    /// </summary>
    public static void WriteTileMatrixSet(XmlWriter w, TileMatrixSet set, string supportedCrs)
    {
        w.WriteStartElement("TileMatrixSet", Wmts);
        if (set.Title is { } title)
            w.WriteElementString("Title", Ows, title);
        w.WriteElementString("Identifier", Ows, set.Id);
        WriteBoundingBox(w, set, set.Bounds);
        w.WriteElementString("SupportedCRS", Ows, supportedCrs);
        if (set.WmtsWellKnownScaleSet is { } wkss)
            w.WriteElementString("WellKnownScaleSet", Wmts, wkss);
        foreach (var m in set.Matrices)
        {
            var (first, second) = set.TopLeftCorner(m);
            w.WriteStartElement("TileMatrix", Wmts);
            w.WriteElementString("Identifier", Ows, m.Id);
            w.WriteElementString("ScaleDenominator", Wmts, OgcXml.Number(set.StandardScaleDenominator(m)));
            w.WriteElementString("TopLeftCorner", Wmts, $"{OgcXml.Number(first)} {OgcXml.Number(second)}");
            w.WriteElementString("TileWidth", Wmts, OgcXml.Number(m.TileWidth));
            w.WriteElementString("TileHeight", Wmts, OgcXml.Number(m.TileHeight));
            w.WriteElementString("MatrixWidth", Wmts, OgcXml.Number(m.MatrixWidth));
            w.WriteElementString("MatrixHeight", Wmts, OgcXml.Number(m.MatrixHeight));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>A layer's TileMatrixSetLink with the limits of <paramref name="limits"/> (all of them when null).</summary>
    public static void WriteLink(XmlWriter w, WmtsLayerSet s, IEnumerable<WmtsLimits>? limits = null)
    {
        w.WriteStartElement("TileMatrixSetLink", Wmts);
        w.WriteElementString("TileMatrixSet", Wmts, s.Set.Id);
        var written = (limits ?? s.Limits).ToList();
        if (written.Count > 0)
        {
            w.WriteStartElement("TileMatrixSetLimits", Wmts);
            foreach (var l in written)
            {
                w.WriteStartElement("TileMatrixLimits", Wmts);
                w.WriteElementString("TileMatrix", Wmts, l.Matrix);
                w.WriteElementString("MinTileRow", Wmts, OgcXml.Number(l.MinRow));
                w.WriteElementString("MaxTileRow", Wmts, OgcXml.Number(l.MaxRow));
                w.WriteElementString("MinTileCol", Wmts, OgcXml.Number(l.MinCol));
                w.WriteElementString("MaxTileCol", Wmts, OgcXml.Number(l.MaxCol));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>An ows:BoundingBox of <paramref name="box"/> (x=east, y=north) in the set's CRS and axis order.</summary>
    public static void WriteBoundingBox(XmlWriter w, TileMatrixSet set, Abstractions.Raster.Bounds box)
    {
        if (set.NorthingFirst)
            WriteBox(w, "BoundingBox", set.Crs.Urn, box.MinY, box.MinX, box.MaxY, box.MaxX);
        else
            WriteBox(w, "BoundingBox", set.Crs.Urn, box.MinX, box.MinY, box.MaxX, box.MaxY);
    }

    /// <summary>
    /// The layer's ows:WGS84BoundingBox: one box, or for a footprint across the antimeridian one box on each side.
    /// OWS 1.1 makes a box's corners the minimum and maximum longitude and latitude, and lets a layer list several
    /// boxes meaning their union (owsDataIdentification.xsd, DatasetDescriptionSummaryBaseType), so a box never
    /// crosses 180° (docs/ogc.md).
    /// </summary>
    public static void WriteWgs84Boxes(XmlWriter w, Abstractions.Raster.Bounds wgs84)
    {
        foreach (var b in Antimeridian.Parts(wgs84))
            WriteBox(w, "WGS84BoundingBox", null, b.MinX, b.MinY, b.MaxX, b.MaxY);
    }

    public static void WriteBox(XmlWriter w, string name, string? crs, double x0, double y0, double x1, double y1)
    {
        w.WriteStartElement(name, Ows);
        if (crs is not null)
            w.WriteAttributeString("crs", crs);
        w.WriteElementString("LowerCorner", Ows, $"{OgcXml.Number(x0)} {OgcXml.Number(y0)}");
        w.WriteElementString("UpperCorner", Ows, $"{OgcXml.Number(x1)} {OgcXml.Number(y1)}");
        w.WriteEndElement();
    }
}
