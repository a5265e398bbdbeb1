using System.Xml.Linq;
using OgcTiler.TestSupport.Hosting.Fakes;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

public sealed class WmtsCapabilitiesTests
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    [Theory]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")]
    [InlineData("/wmts?service=wmts&request=GetCapabilities&acceptversions=1.0.0")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml")]
    public async Task GetCapabilities_KvpAndRestful_AreValidAgainstTheSchema(string url)
    {
        await using var host = await OgcTestHost.StartAsync();
        var bytes = await host.Client.GetByteArrayAsync(url);
        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
    }

    [Fact]
    public async Task GetCapabilities_DescribesTheLayerWithStylesFormatsLinksAndTemplates()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
        var layer = doc.Descendants(Wmts + "Layer").Single(l => (string?)l.Element(Ows + "Identifier") == "utm");
        Assert.Equal("1.5 43.5", layer.Element(Ows + "WGS84BoundingBox")!.Element(Ows + "LowerCorner")!.Value);
        var styles = layer.Elements(Wmts + "Style").ToList();
        Assert.Equal(["default", "viridis", "grey"], styles.Select(s => s.Element(Ows + "Identifier")!.Value));
        Assert.Equal("true", (string?)styles[0].Attribute("isDefault"));
        Assert.Single(styles, s => s.Attribute("isDefault") is not null);
        Assert.Equal(["image/png", "image/jpeg", "image/webp"], layer.Elements(Wmts + "Format").Select(f => f.Value));
        Assert.Equal(["application/json", "text/csv", "text/plain", "text/html", "application/xml"], layer.Elements(Wmts + "InfoFormat").Select(f => f.Value));
        var links = layer.Elements(Wmts + "TileMatrixSetLink").Select(l => l.Element(Wmts + "TileMatrixSet")!.Value).ToList();
        Assert.Contains("WebMercatorQuad", links);
        Assert.Contains("WorldCRS84Quad", links);
        Assert.Contains("UTM31WGS84Quad", links);
        Assert.Contains("EuropeanETRS89_LAEAQuad", links);
        Assert.DoesNotContain("UPSArcticWGS84Quad", links);
        Assert.DoesNotContain("CDB1GlobalGrid", links);
        Assert.DoesNotContain("GNOSISGlobalGrid", links);
        var templates = layer.Elements(Wmts + "ResourceURL").ToDictionary(r => (string)r.Attribute("format")!, r => (string)r.Attribute("template")!);
        Assert.Equal("http://localhost/wmts/1.0.0/utm/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png", templates["image/png"]);
        Assert.Equal("http://localhost/wmts/1.0.0/utm/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}/{J}/{I}.json", templates["application/json"]);
        var encodings = doc.Descendants(Ows + "Operation").Single(o => (string?)o.Attribute("name") == "GetTile")
            .Descendants(Ows + "Value").Select(v => v.Value);
        Assert.Equal(["KVP", "RESTful"], encodings);
    }

    [Fact]
    public async Task GetCapabilities_LimitsAreTheTilesHoldingData()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
        var layer = doc.Descendants(Wmts + "Layer").Single(l => (string?)l.Element(Ows + "Identifier") == "utm");
        var link = layer.Elements(Wmts + "TileMatrixSetLink").Single(l => l.Element(Wmts + "TileMatrixSet")!.Value == "WebMercatorQuad");
        var z10 = link.Descendants(Wmts + "TileMatrixLimits").Single(l => l.Element(Wmts + "TileMatrix")!.Value == "10");
        // lon 1.5..2.5, lat 43.5..44.5 at zoom 10: columns 516..519, rows 370..374 (the spherical Mercator tile formula).
        Assert.Equal([370, 374, 516, 519], new[] { "MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol" }.Select(n => (int)z10.Element(Wmts + n)!));
        // Matrices 0 and 1 hold the data in row 0, which MaxTileRow (a positive integer) cannot express.
        Assert.Equal(23, link.Descendants(Wmts + "TileMatrixLimits").Count());
    }

    /// <summary>A layer whose config names no sets is offered only the sets whose extent meets its data.</summary>
    [Theory]
    [InlineData("EPSG:32636", 30.62, 29.29, 30.84, 29.49, "")]                                  // Faiyum, Egypt
    [InlineData("EPSG:2193", 174.6, -41.4, 175.0, -41.1, "NZTM2000Quad")]                       // Wellington
    [InlineData("EPSG:32632", 7.2, 46.8, 7.6, 47.1, "EuropeanETRS89_LAEAQuad")]                 // Bern: east of UTM 31's zone
    [InlineData("EPSG:32631", 1.5, 43.5, 2.5, 44.5, "EuropeanETRS89_LAEAQuad,UTM31WGS84Quad")]  // Toulouse
    [InlineData("EPSG:3413", -40, 70, -30, 75, "UPSArcticWGS84Quad")]                           // Greenland
    public async Task GetCapabilities_OffersALayerWithoutNamedSets_OnlyTheSetsCoveringIt(string crs, double west, double south, double east, double north, string regional)
    {
        var source = FakeSource.Create("here", crs, new OgcTiler.Abstractions.Raster.Bounds(west, south, east, north));
        var layer = new OgcTiler.Server.Configuration.LayerDefinition { Id = "here", Source = new("cog", "here.tif", new Dictionary<string, string>()) };
        await using var host = await OgcTestHost.StartAsync([(layer, source)]);
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml"));

        var links = doc.Descendants(Wmts + "TileMatrixSetLink").Select(l => l.Element(Wmts + "TileMatrixSet")!.Value).Order(StringComparer.Ordinal);

        string[] global = ["WGS1984Quad", "WebMercatorQuad", "WorldCRS84Quad", "WorldMercatorWGS84Quad"];
        Assert.Equal(global.Concat(regional.Split(',', StringSplitOptions.RemoveEmptyEntries)).Order(StringComparer.Ordinal), links);
        // A tile within the layer's limits in UTM31WGS84Quad when offered (any tile of the set otherwise).
        var limits = doc.Descendants(Wmts + "TileMatrixSetLink").FirstOrDefault(l => l.Element(Wmts + "TileMatrixSet")!.Value == "UTM31WGS84Quad")
            ?.Descendants(Wmts + "TileMatrixLimits").First();
        var tile = limits is null ? "5/10/10" : $"{limits.Element(Wmts + "TileMatrix")!.Value}/{limits.Element(Wmts + "MinTileRow")!.Value}/{limits.Element(Wmts + "MinTileCol")!.Value}";
        var far = await host.Client.GetAsync($"/wmts/1.0.0/here/default/UTM31WGS84Quad/{tile}.png");
        Assert.Equal(regional.Contains("UTM31") ? 200 : 404, (int)far.StatusCode);
    }

    [Theory]
    [InlineData("WGS1984Quad", "urn:ogc:def:crs:EPSG::4326", "90 -180")]
    [InlineData("WorldCRS84Quad", "urn:ogc:def:crs:OGC:1.3:CRS84", "-180 90")]
    [InlineData("WebMercatorQuad", "urn:ogc:def:crs:EPSG::3857", "-20037508.3427892 20037508.3427892")]
    public async Task TileMatrixSet_TopLeftCornerFollowsTheCrsAxisOrder(string set, string crs, string corner)
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
        var tms = doc.Root!.Element(Wmts + "Contents")!.Elements(Wmts + "TileMatrixSet").Single(t => t.Element(Ows + "Identifier")!.Value == set);
        Assert.Equal(crs, tms.Element(Ows + "SupportedCRS")!.Value);
        var parts = tms.Element(Wmts + "TileMatrix")!.Element(Wmts + "TopLeftCorner")!.Value.Split(' ').Select(double.Parse).ToArray();
        var expected = corner.Split(' ').Select(double.Parse).ToArray();
        Assert.Equal(expected[0], parts[0], 6);
        Assert.Equal(expected[1], parts[1], 6);
    }

    /// <summary>
    /// CanadianNAD83_LCC declares its scales for 96 dpi pixels (145 000 000 for 38 364.66 m cells); WMTS clients take
    /// ScaleDenominator × 0.28 mm as the cell size, so the document gives the scale of the cells at 0.28 mm.
    /// </summary>
    [Fact]
    public async Task TileMatrix_ScaleDenominatorIsTheCellSizeAtWmtsPixels()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml"));
        var tms = doc.Descendants(Wmts + "TileMatrixSet").Single(t => t.Element(Ows + "Identifier")?.Value == "CanadianNAD83_LCC");
        Assert.Equal(38364.6600626534, (double)tms.Element(Wmts + "TileMatrix")!.Element(Wmts + "ScaleDenominator")! * 0.00028, 6);
    }

    [Fact]
    public async Task TileMatrixSet_GoogleMapsCompatibleIsAdvertised()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml"));
        var tms = doc.Descendants(Wmts + "TileMatrixSet").Single(t => t.Element(Ows + "Identifier")?.Value == "WebMercatorQuad");
        Assert.Equal("urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible", tms.Element(Wmts + "WellKnownScaleSet")!.Value);
        Assert.Equal(559082264.0287178, (double)tms.Element(Wmts + "TileMatrix")!.Element(Wmts + "ScaleDenominator")!, 6);
    }
}
