using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Server.Tests.Layers.Time;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

/// <summary>
/// The WMTS Time dimension of a stac-search layer: the capabilities' Dimension and {Time} templates (schema-valid),
/// KVP Time= and the RESTful {Time} segment giving the same tile, tiles differing per date, and the errors.
/// </summary>
public sealed class WmtsTimeTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    // WebMercatorQuad z14 tile over the fixture items (about 3.003°E 29.828°N)
    private const int Row = 6768, Col = 8328;
    private const string Kvp = "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=s2&STYLE=default&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=14&TILEROW=6768&TILECOL=8328&FORMAT=image/png";

    [Fact]
    public async Task Capabilities_DeclareTheTimeDimensionAndTemplates_AndAreSchemaValid()
    {
        var bytes = await host.Client.GetByteArrayAsync("/wmts/1.0.0/WMTSCapabilities.xml");

        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
        var layer = XDocument.Load(new MemoryStream(bytes)).Descendants(Wmts + "Layer").Single(l => (string?)l.Element(Ows + "Identifier") == "s2");
        var dimension = layer.Element(Wmts + "Dimension")!;
        Assert.Equal("Time", (string?)dimension.Element(Ows + "Identifier"));
        Assert.Equal("ISO8601", (string?)dimension.Element(Ows + "UOM"));
        Assert.Equal("2024-07-23", (string?)dimension.Element(Wmts + "Default"));
        Assert.Equal("false", (string?)dimension.Element(Wmts + "Current"));
        Assert.Equal(["2024-01-15", "2024-04-14", "2024-07-23"], dimension.Elements(Wmts + "Value").Select(v => v.Value));
        var tile = layer.Elements(Wmts + "ResourceURL").First(r => (string?)r.Attribute("resourceType") == "tile");
        Assert.EndsWith("/wmts/1.0.0/s2/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png", (string?)tile.Attribute("template"));
        var noDefault = XDocument.Load(new MemoryStream(bytes)).Descendants(Wmts + "Layer").Single(l => (string?)l.Element(Ows + "Identifier") == "s2-nodefault");
        Assert.Null(noDefault.Element(Wmts + "Dimension")!.Element(Wmts + "Default"));
    }

    [Fact]
    public async Task KvpAndRestTiles_OfADate_AreTheSame_AndDifferBetweenDates()
    {
        var januaryKvp = await host.Client.GetByteArrayAsync(Kvp + "&TIME=2024-01-15");
        var januaryRest = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/2024-01-15/WebMercatorQuad/14/{Row}/{Col}.png");
        var julyRest = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/2024-07-23/WebMercatorQuad/14/{Row}/{Col}.png");
        var byDefault = await host.Client.GetByteArrayAsync(Kvp);
        var layerTile = await host.Client.GetByteArrayAsync($"/layers/s2/tiles/WebMercatorQuad/14/{Col}/{Row}.png?time=2024-01-15");

        Assert.Equal(januaryKvp, januaryRest);
        Assert.Equal(januaryKvp, layerTile);
        Assert.NotEqual(januaryRest, julyRest);
        Assert.Equal(julyRest, byDefault);
    }

    [Fact]
    public async Task RestFeatureInfo_WithTime_ReadsThatDate()
    {
        var january = await ValueAt("2024-01-15");
        var july = await ValueAt("2024-07-23");

        Assert.NotNull(january);
        Assert.NotNull(july);
        Assert.NotEqual(january, july);
    }

    // (175, 175) of the tile is over the items' common footprint
    private async Task<double?> ValueAt(string time)
    {
        using var json = JsonDocument.Parse(await host.Client.GetStringAsync($"/wmts/1.0.0/s2/default/{time}/WebMercatorQuad/14/{Row}/{Col}/175/175.json"));
        var value = json.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("B04");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    [Theory]
    [InlineData(Kvp + "&TIME=2023-06-01", "InvalidParameterValue", "Time", 400)]
    [InlineData(Kvp + "&TIME=soon", "InvalidParameterValue", "Time", 400)]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=s2-nodefault&STYLE=default&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=14&TILEROW=6768&TILECOL=8328&FORMAT=image/png", "MissingParameterValue", "Time", 400)]
    [InlineData("/wmts/1.0.0/s2/default/2023-06-01/WebMercatorQuad/14/6768/8328.png", "InvalidParameterValue", "Time", 404)]
    public async Task BadTime_IsAnExceptionReport(string url, string code, string locator, int status)
    {
        using var response = await host.Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        XmlValidation.AssertValidXsd(bytes, "ows/1.1.0/owsExceptionReport.xsd");
        var exception = XDocument.Load(new MemoryStream(bytes)).Descendants(Ows + "Exception").Single();
        Assert.Equal(code, (string?)exception.Attribute("exceptionCode"));
        Assert.Equal(locator, (string?)exception.Attribute("locator"));
    }

    /// <summary>
    /// A capabilities Time sets the Default of each time-enabled layer to its value of that time (GetTile's rules),
    /// for clients that read a layer at its default only (GDAL's WMTS driver, see TimeInteropTests), KVP and RESTful.
    /// </summary>
    [Theory]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&time=2024-01-15T08:44:29Z", "2024-01-15", "2024-01")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml?Time=2024-04", "2024-04-14", "2024-04")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml?TIME=current", "2024-07-23", "2024-07")]
    public async Task CapabilitiesTime_SetsTheDefaultToThatValue(string url, string daily, string monthly)
    {
        var bytes = await host.Client.GetByteArrayAsync(url);
        var plain = XDocument.Parse(await host.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml"));

        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
        var document = XDocument.Load(new MemoryStream(bytes));
        Assert.Equal(daily, Default(document, "s2"));
        Assert.Equal(daily, Default(document, "s2-nodefault"));
        Assert.Equal(monthly, Default(document, "s2-monthly"));
        Assert.Equal("2024-07-23", Default(plain, "s2"));
        Assert.Null(Default(plain, "s2-nodefault"));
    }

    [Theory]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml?Time=soon", "matches none of the times")]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&Time=2024", "selects 2024-01-15,2024-04-14,2024-07-23 of layer 's2'")]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&Time=2024-01-01/2024-05-01", "a capabilities Time is one value")]
    public async Task CapabilitiesTime_OfNoneOrSeveralValues_IsInvalidParameterValue(string url, string message)
    {
        using var response = await host.Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(400, (int)response.StatusCode);
        XmlValidation.AssertValidXsd(bytes, "ows/1.1.0/owsExceptionReport.xsd");
        var exception = XDocument.Load(new MemoryStream(bytes)).Descendants(Ows + "Exception").Single();
        Assert.Equal("InvalidParameterValue", (string?)exception.Attribute("exceptionCode"));
        Assert.Equal("Time", (string?)exception.Attribute("locator"));
        Assert.Contains(message, exception.Value);
    }

    private static string? Default(XDocument capabilities, string layer) =>
        (string?)capabilities.Descendants(Wmts + "Layer").Single(l => (string?)l.Element(Ows + "Identifier") == layer)
            .Element(Wmts + "Dimension")!.Element(Wmts + "Default");

    [Fact]
    public async Task LayerTiles_WithABadTime_AreProblemJson400()
    {
        using var response = await host.Client.GetAsync($"/layers/s2/tiles/WebMercatorQuad/14/{Col}/{Row}.png?time=2023-06-01");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2024-01-15, 2024-04-14, 2024-07-23", await response.Content.ReadAsStringAsync());
    }
}
