using System.Xml;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>Writes WMS 1.3.0 (<c>WMS_Capabilities</c>, schema) or 1.1.1 (<c>WMT_MS_Capabilities</c>, DTD) capabilities.</summary>
internal sealed class WmsCapabilitiesWriter(WmsVersion version, ServiceOptions service, OgcOptions options, CrsRegistry crs, string baseUrl)
{
    public const int LegendWidth = WmsLegend.DefaultWidth;
    public const int LegendHeight = WmsLegend.DefaultHeight;

    private string OnlineResource => baseUrl + "/wms?";

    private string? Ns => version.Is130 ? OgcXml.Wms : null;

    public byte[] Write(IReadOnlyList<OgcLayer> layers, long updateSequence) => OgcXml.Build(w =>
    {
        w.WriteStartDocument();
        if (version.Is130)
            WriteRoot130(w);
        else
            WriteRoot111(w);
        w.WriteAttributeString("version", version.Number);
        w.WriteAttributeString("updateSequence", updateSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteService(w);
        w.WriteStartElement("Capability", Ns);
        WriteRequests(w);
        w.WriteStartElement("Exception", Ns);
        foreach (var format in WmsExceptions.Formats(version))
            w.WriteElementString("Format", Ns, format);
        w.WriteEndElement();
        WriteRootLayer(w, layers);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    private static void WriteRoot130(XmlWriter w)
    {
        w.WriteStartElement("WMS_Capabilities", OgcXml.Wms);
        w.WriteAttributeString("xmlns", "xlink", null, OgcXml.XLink);
        w.WriteAttributeString("xmlns", "sld", null, OgcXml.Sld);
        w.WriteAttributeString("xmlns", "xsi", null, OgcXml.Xsi);
        w.WriteAttributeString("xsi", "schemaLocation", OgcXml.Xsi,
            $"{OgcXml.Wms} {OgcXml.SchemasOpenGis}/wms/1.3.0/capabilities_1_3_0.xsd {OgcXml.Sld} {OgcXml.SchemasOpenGis}/sld/1.1.0/sld_capabilities.xsd");
    }

    private static void WriteRoot111(XmlWriter w)
    {
        w.WriteDocType("WMT_MS_Capabilities", null, $"{OgcXml.SchemasOpenGis}/wms/1.1.1/WMS_MS_Capabilities.dtd",
            "<!ELEMENT VendorSpecificCapabilities EMPTY>");
        w.WriteStartElement("WMT_MS_Capabilities");
    }

    private void WriteService(XmlWriter w)
    {
        w.WriteStartElement("Service", Ns);
        w.WriteElementString("Name", Ns, version.Is130 ? "WMS" : "OGC:WMS");
        w.WriteElementString("Title", Ns, service.Title);
        if (service.Abstract is { } text)
            w.WriteElementString("Abstract", Ns, text);
        if (service.Keywords.Count > 0)
        {
            w.WriteStartElement("KeywordList", Ns);
            foreach (var keyword in service.Keywords)
                w.WriteElementString("Keyword", Ns, keyword);
            w.WriteEndElement();
        }
        WriteOnlineResource(w, service.ProviderSite ?? OnlineResource);
        WriteContact(w);
        if (version.Is130)
        {
            w.WriteElementString("MaxWidth", Ns, OgcXml.Number(options.MaxWidth));
            w.WriteElementString("MaxHeight", Ns, OgcXml.Number(options.MaxHeight));
        }
        w.WriteEndElement();
    }

    private void WriteContact(XmlWriter w)
    {
        if (service.ContactName is null && service.ContactEmail is null)
            return;
        w.WriteStartElement("ContactInformation", Ns);
        if (service.ContactName is { } name)
        {
            w.WriteStartElement("ContactPersonPrimary", Ns);
            w.WriteElementString("ContactPerson", Ns, name);
            w.WriteElementString("ContactOrganization", Ns, service.ProviderName ?? "");
            w.WriteEndElement();
        }
        if (service.ContactEmail is { } email)
            w.WriteElementString("ContactElectronicMailAddress", Ns, email);
        w.WriteEndElement();
    }

    private void WriteRequests(XmlWriter w)
    {
        w.WriteStartElement("Request", Ns);
        WriteOperation(w, "GetCapabilities", Ns, [version.CapabilitiesContentType]);
        WriteOperation(w, "GetMap", Ns, OgcFormats.Images.Select(f => f.ContentType));
        WriteOperation(w, "GetFeatureInfo", Ns, OgcFormats.Infos.Select(f => f.MimeType));
        WriteOperation(w, "GetLegendGraphic", version.Is130 ? OgcXml.Sld : null, [WmsLegend.Format]);
        w.WriteEndElement();
    }

    private void WriteOperation(XmlWriter w, string name, string? ns, IEnumerable<string> formats)
    {
        w.WriteStartElement(name, ns);
        foreach (var format in formats)
            w.WriteElementString("Format", Ns, format);
        w.WriteStartElement("DCPType", Ns);
        w.WriteStartElement("HTTP", Ns);
        w.WriteStartElement("Get", Ns);
        WriteOnlineResource(w, OnlineResource);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void WriteOnlineResource(XmlWriter w, string href)
    {
        w.WriteStartElement("OnlineResource", Ns);
        if (!version.Is130)
            w.WriteAttributeString("xmlns", "xlink", null, OgcXml.XLink);
        w.Href(href);
        w.WriteEndElement();
    }

    private void WriteRootLayer(XmlWriter w, IReadOnlyList<OgcLayer> layers)
    {
        var children = layers.Select(l => (Layer: l, Boxes: WmsCrsList.For(crs, l))).ToList();
        w.WriteStartElement("Layer", Ns);
        w.WriteElementString("Title", Ns, service.Title);
        foreach (var code in children.SelectMany(c => c.Boxes).Select(b => b.Code).Distinct())
            WriteCrsCode(w, code);
        if (children.Count > 0)
        {
            WriteGeographicBox(w, Antimeridian.Union(children.Select(c => c.Layer.Info.Wgs84Bounds)));
        }
        foreach (var (layer, boxes) in children)
            WriteLayer(w, layer, boxes);
        w.WriteEndElement();
    }

    private void WriteLayer(XmlWriter w, OgcLayer layer, IReadOnlyList<WmsCrsBox> boxes)
    {
        w.WriteStartElement("Layer", Ns);
        w.WriteAttributeString("queryable", "1");
        w.WriteAttributeString("opaque", "0");
        w.WriteElementString("Name", Ns, layer.Id);
        w.WriteElementString("Title", Ns, layer.Title);
        if (layer.Definition.Abstract is { } text)
            w.WriteElementString("Abstract", Ns, text);
        foreach (var box in boxes)
            WriteCrsCode(w, box.Code);
        WriteGeographicBox(w, layer.Info.Wgs84Bounds);
        foreach (var box in boxes)
            WriteBoundingBox(w, box);
        if (layer.Time is { } time)
            WriteTimeDimension(w, time);
        foreach (var style in layer.StyleNames)
            WriteStyle(w, layer, style);
        w.WriteEndElement();
    }

    /// <summary>
    /// WMS 1.3.0: one <c>Dimension</c> with the values; 1.1.1: <c>Dimension</c> declares it, <c>Extent</c> lists them.
    /// Lists of values are accepted (multipleValues) and the keyword <c>current</c> too; current="1" says the layer's
    /// search is run again as new items arrive.
    /// </summary>
    private void WriteTimeDimension(XmlWriter w, TimeDimension time)
    {
        var values = string.Join(',', time.Steps.Select(s => s.Label));
        w.WriteStartElement("Dimension", Ns);
        w.WriteAttributeString("name", "time");
        w.WriteAttributeString("units", "ISO8601");
        if (version.Is130)
        {
            WriteTimeDefault(w, time);
            w.WriteAttributeString("multipleValues", "1");
            w.WriteAttributeString("nearestValue", time.Options.NearestValue ? "1" : "0");
            w.WriteAttributeString("current", time.Options.RefreshSeconds > 0 || time.Options.Default == TimeOptions.Current ? "1" : "0");
            w.WriteString(values);
            w.WriteEndElement();
            return;
        }
        w.WriteEndElement();
        w.WriteStartElement("Extent");
        w.WriteAttributeString("name", "time");
        WriteTimeDefault(w, time);
        w.WriteAttributeString("nearestValue", time.Options.NearestValue ? "1" : "0");
        w.WriteString(values);
        w.WriteEndElement();
    }

    private static void WriteTimeDefault(XmlWriter w, TimeDimension time)
    {
        if (time.DefaultValue is { } value)
            w.WriteAttributeString("default", value);
    }

    private void WriteCrsCode(XmlWriter w, string code)
    {
        if (version.Is130 || code != "CRS:84")
            w.WriteElementString(version.Is130 ? "CRS" : "SRS", Ns, code);
    }

    /// <summary>
    /// WMS 1.3.0's EX_GeographicBoundingBox (ISO 19115) says west &gt; east for a box across the antimeridian, with both
    /// longitudes within ±180° (its XSD's longitudeType); WMS 1.1.1's LatLonBoundingBox has min &lt; max, so such a box
    /// takes every longitude, as MapServer writes for data across 180°.
    /// </summary>
    private void WriteGeographicBox(XmlWriter w, Bounds footprint)
    {
        if (version.Is130)
        {
            var box = Antimeridian.Wrap(footprint);
            w.WriteStartElement("EX_GeographicBoundingBox", Ns);
            w.WriteElementString("westBoundLongitude", Ns, OgcXml.Number(box.MinX));
            w.WriteElementString("eastBoundLongitude", Ns, OgcXml.Number(box.MaxX));
            w.WriteElementString("southBoundLatitude", Ns, OgcXml.Number(box.MinY));
            w.WriteElementString("northBoundLatitude", Ns, OgcXml.Number(box.MaxY));
            w.WriteEndElement();
            return;
        }
        var enclosing = Antimeridian.Enclosing(footprint);
        w.WriteStartElement("LatLonBoundingBox");
        WriteCorners(w, enclosing.MinX, enclosing.MinY, enclosing.MaxX, enclosing.MaxY);
        w.WriteEndElement();
    }

    private void WriteBoundingBox(XmlWriter w, WmsCrsBox box)
    {
        if (!version.Is130 && box.Code == "CRS:84")
            return;
        w.WriteStartElement("BoundingBox", Ns);
        w.WriteAttributeString(version.Is130 ? "CRS" : "SRS", box.Code);
        var b = box.Box;
        if (version.Is130 && box.Crs.NorthingFirst && box.Code != "CRS:84")
            WriteCorners(w, b.MinY, b.MinX, b.MaxY, b.MaxX);
        else
            WriteCorners(w, b.MinX, b.MinY, b.MaxX, b.MaxY);
        w.WriteEndElement();
    }

    private static void WriteCorners(XmlWriter w, double minx, double miny, double maxx, double maxy)
    {
        w.WriteAttributeString("minx", OgcXml.Number(minx));
        w.WriteAttributeString("miny", OgcXml.Number(miny));
        w.WriteAttributeString("maxx", OgcXml.Number(maxx));
        w.WriteAttributeString("maxy", OgcXml.Number(maxy));
    }

    private void WriteStyle(XmlWriter w, OgcLayer layer, string style)
    {
        w.WriteStartElement("Style", Ns);
        w.WriteElementString("Name", Ns, style);
        w.WriteElementString("Title", Ns, style);
        w.WriteStartElement("LegendURL", Ns);
        w.WriteAttributeString("width", OgcXml.Number(LegendWidth));
        w.WriteAttributeString("height", OgcXml.Number(LegendHeight));
        w.WriteElementString("Format", Ns, WmsLegend.Format);
        WriteOnlineResource(w, $"{OnlineResource}SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION={version.Number}&FORMAT={Uri.EscapeDataString(WmsLegend.Format)}&LAYER={Uri.EscapeDataString(layer.Id)}&STYLE={Uri.EscapeDataString(style)}");
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
