using System.Xml;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Ogc.Wms;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>WMTS 1.0.0 capabilities: KVP and RESTful encodings, one Layer per layer, every TileMatrixSet used.</summary>
/// <param name="timeDefaults">The time <c>Default</c> of layers whose request gave one (by layer id), or null.</param>
internal sealed class WmtsCapabilitiesWriter(ServiceOptions service, WmtsLayerSets sets, string baseUrl, IReadOnlyDictionary<string, string>? timeDefaults)
{
    private const string Ows = OgcXml.Ows;
    private const string Wmts = OgcXml.Wmts;

    private string KvpUrl => baseUrl + "/wmts?";

    private string RestUrl => baseUrl + "/wmts/1.0.0/";

    public byte[] Write(IReadOnlyList<OgcLayer> layers, long updateSequence) => OgcXml.Build(w =>
    {
        var offered = layers.Select(l => (Layer: l, Sets: sets.For(l))).Where(l => l.Sets.Count > 0).ToList();
        WmtsMatrixSetWriter.StartCapabilities(w);
        w.WriteAttributeString("updateSequence", updateSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteServiceIdentification(w);
        WriteServiceProvider(w);
        WriteOperations(w);
        w.WriteStartElement("Contents", Wmts);
        foreach (var (layer, layerSets) in offered)
            WriteLayer(w, layer, layerSets);
        foreach (var set in offered.SelectMany(l => l.Sets).Select(s => s.Set).Distinct().OrderBy(s => s.Id, StringComparer.Ordinal))
            WmtsMatrixSetWriter.WriteTileMatrixSet(w, set, set.Crs.Urn);
        w.WriteEndElement();
        w.WriteStartElement("ServiceMetadataURL", Wmts);
        w.WriteAttributeString("xlink", "href", OgcXml.XLink, RestUrl + "WMTSCapabilities.xml");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    private void WriteServiceIdentification(XmlWriter w)
    {
        w.WriteStartElement("ServiceIdentification", Ows);
        w.WriteElementString("Title", Ows, service.Title);
        if (service.Abstract is { } text)
            w.WriteElementString("Abstract", Ows, text);
        if (service.Keywords.Count > 0)
        {
            w.WriteStartElement("Keywords", Ows);
            foreach (var keyword in service.Keywords)
                w.WriteElementString("Keyword", Ows, keyword);
            w.WriteEndElement();
        }
        w.WriteElementString("ServiceType", Ows, "OGC WMTS");
        w.WriteElementString("ServiceTypeVersion", Ows, "1.0.0");
        w.WriteEndElement();
    }

    private void WriteServiceProvider(XmlWriter w)
    {
        w.WriteStartElement("ServiceProvider", Ows);
        w.WriteElementString("ProviderName", Ows, service.ProviderName ?? service.Title);
        if (service.ProviderSite is { } site)
        {
            w.WriteStartElement("ProviderSite", Ows);
            w.WriteAttributeString("xlink", "href", OgcXml.XLink, site);
            w.WriteEndElement();
        }
        w.WriteStartElement("ServiceContact", Ows);
        if (service.ContactName is { } name)
            w.WriteElementString("IndividualName", Ows, name);
        if (service.ContactEmail is { } email)
        {
            w.WriteStartElement("ContactInfo", Ows);
            w.WriteStartElement("Address", Ows);
            w.WriteElementString("ElectronicMailAddress", Ows, email);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>KVP is listed first: OpenLayers picks the encoding from the first GetEncoding value.</summary>
    private void WriteOperations(XmlWriter w)
    {
        w.WriteStartElement("OperationsMetadata", Ows);
        foreach (var operation in new[] { "GetCapabilities", "GetTile", "GetFeatureInfo" })
        {
            w.WriteStartElement("Operation", Ows);
            w.WriteAttributeString("name", operation);
            w.WriteStartElement("DCP", Ows);
            w.WriteStartElement("HTTP", Ows);
            WriteGet(w, KvpUrl, "KVP");
            WriteGet(w, operation == "GetCapabilities" ? RestUrl + "WMTSCapabilities.xml" : RestUrl, "RESTful");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteGet(XmlWriter w, string href, string encoding)
    {
        w.WriteStartElement("Get", Ows);
        w.WriteAttributeString("xlink", "href", OgcXml.XLink, href);
        w.WriteStartElement("Constraint", Ows);
        w.WriteAttributeString("name", "GetEncoding");
        w.WriteStartElement("AllowedValues", Ows);
        w.WriteElementString("Value", Ows, encoding);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void WriteLayer(XmlWriter w, OgcLayer layer, IReadOnlyList<WmtsLayerSet> layerSets)
    {
        w.WriteStartElement("Layer", Wmts);
        w.WriteElementString("Title", Ows, layer.Title);
        if (layer.Definition.Abstract is { } text)
            w.WriteElementString("Abstract", Ows, text);
        WmtsMatrixSetWriter.WriteWgs84Boxes(w, layer.Info.Wgs84Bounds);
        w.WriteElementString("Identifier", Ows, layer.Id);
        foreach (var s in layerSets.DistinctBy(s => s.Set.Crs.Id))
            WmtsMatrixSetWriter.WriteBoundingBox(w, s.Set, s.Box);
        foreach (var style in layer.StyleNames)
            WriteStyle(w, layer, style);
        foreach (var format in OgcFormats.Images)
            w.WriteElementString("Format", Wmts, format.ContentType);
        foreach (var format in OgcFormats.Infos)
            w.WriteElementString("InfoFormat", Wmts, format.MimeType);
        if (layer.Time is { } time)
            WmtsTimeDimension.Write(w, time, timeDefaults?.GetValueOrDefault(layer.Id) ?? time.DefaultValue);
        foreach (var s in layerSets)
            WmtsMatrixSetWriter.WriteLink(w, s);
        var path = $"{RestUrl}{Uri.EscapeDataString(layer.Id)}/{{Style}}{WmtsTimeDimension.TemplateSegment(layer)}/{{TileMatrixSet}}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}";
        foreach (var format in OgcFormats.Images)
            WriteResourceUrl(w, format.ContentType, "tile", $"{path}.{format.Extension}");
        foreach (var format in OgcFormats.Infos)
            WriteResourceUrl(w, format.MimeType, "FeatureInfo", $"{path}/{{J}}/{{I}}.{format.Extension}");
        w.WriteEndElement();
    }

    private void WriteStyle(XmlWriter w, OgcLayer layer, string style)
    {
        w.WriteStartElement("Style", Wmts);
        if (style == OgcLayer.DefaultStyle)
            w.WriteAttributeString("isDefault", "true");
        w.WriteElementString("Title", Ows, style);
        w.WriteElementString("Identifier", Ows, style);
        w.WriteStartElement("LegendURL", Wmts);
        w.WriteAttributeString("format", WmsLegend.Format);
        w.WriteAttributeString("width", OgcXml.Number(WmsLegend.DefaultWidth));
        w.WriteAttributeString("height", OgcXml.Number(WmsLegend.DefaultHeight));
        w.WriteAttributeString("xlink", "href", OgcXml.XLink,
            $"{baseUrl}/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&FORMAT=image%2Fpng&LAYER={Uri.EscapeDataString(layer.Id)}&STYLE={Uri.EscapeDataString(style)}");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteResourceUrl(XmlWriter w, string format, string type, string template)
    {
        w.WriteStartElement("ResourceURL", Wmts);
        w.WriteAttributeString("format", format);
        w.WriteAttributeString("resourceType", type);
        w.WriteAttributeString("template", template);
        w.WriteEndElement();
    }
}
