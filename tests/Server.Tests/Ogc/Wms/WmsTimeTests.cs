using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Server.Tests.Layers.Time;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>
/// WMS-T over a stac-search layer (WMS 1.3.0 Annex C): the time dimension in both capabilities versions, TIME as an
/// instant, a reduced date, a range and a list, and the dimension exceptions. Pixel values are checked against the
/// fixture items' own pixels.
/// </summary>
public sealed class WmsTimeTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private static readonly XNamespace Wms = "http://www.opengis.net/wms";
    private static readonly XNamespace Ogc = "http://www.opengis.net/ogc";

    private const string Map = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:32631&BBOX=" + TimeLayerServer.ItemBox
        + "&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&LAYERS=";

    [Fact]
    public async Task Capabilities130_DeclareTheItemDates_AndAreSchemaValid()
    {
        var bytes = await host.Client.GetByteArrayAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");

        XmlValidation.AssertValidXsd(bytes, "sld/1.1.0/sld_capabilities.xsd");
        var layers = XDocument.Load(new MemoryStream(bytes)).Descendants(Wms + "Layer").Where(l => l.Element(Wms + "Name") is not null)
            .ToDictionary(l => l.Element(Wms + "Name")!.Value, l => l.Element(Wms + "Dimension")!);
        var daily = layers["s2"];
        Assert.Equal("time", (string?)daily.Attribute("name"));
        Assert.Equal("ISO8601", (string?)daily.Attribute("units"));
        Assert.Equal("2024-07-23", (string?)daily.Attribute("default"));
        Assert.Equal("0", (string?)daily.Attribute("nearestValue"));
        Assert.Equal("2024-01-15,2024-04-14,2024-07-23", daily.Value);
        Assert.Equal("2024-01,2024-04,2024-07", layers["s2-monthly"].Value);
        Assert.Equal("1", (string?)layers["s2-monthly"].Attribute("nearestValue"));
        Assert.Null(layers["s2-nodefault"].Attribute("default"));
    }

    [Fact]
    public async Task Capabilities111_DeclareTheDimensionAndItsExtent_AndAreDtdValid()
    {
        var bytes = await host.Client.GetByteArrayAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1");

        XmlValidation.AssertValidDtd(bytes);
        var layer = XDocument.Load(new MemoryStream(bytes)).Descendants("Layer").Single(l => (string?)l.Element("Name") == "s2");
        Assert.Equal("ISO8601", (string?)layer.Element("Dimension")!.Attribute("units"));
        var extent = layer.Element("Extent")!;
        Assert.Equal("time", (string?)extent.Attribute("name"));
        Assert.Equal("2024-07-23", (string?)extent.Attribute("default"));
        Assert.Equal("2024-01-15,2024-04-14,2024-07-23", extent.Value);
    }

    [Theory]
    [InlineData("2024-01-15", "item-a")]
    [InlineData("2024-01-15T08:44:29Z", "item-a")]
    [InlineData("2024-04-14", "item-b")]
    [InlineData("2024-07-23", "item-c")]
    [InlineData("current", "item-c")]
    [InlineData("", "item-c")]
    public async Task FeatureInfo_ReadsOnlyTheItemOfTheDate(string time, string item)
    {
        // (40, 20) of item-a's grid is (8, 20) of item-b's (32 columns east) and (40, 20) of item-c's
        var expected = TimeLayerServer.B04(item, item == "item-b" ? 8 : 40, 20);

        Assert.Equal(expected, await ValueAt("s2", time, 40, 20));
    }

    [Fact]
    public async Task FeatureInfo_OneDateDoesNotFillItsNodataFromOtherDates_ARangeDoes()
    {
        // (0, 63): inside item-a's nodata wedge; item-b does not reach column 0; item-c has data
        Assert.Equal(0, TimeLayerServer.B04("item-a", 0, 63));

        Assert.Null(await ValueAt("s2", "2024-01-15", 0, 63));
        Assert.Equal(TimeLayerServer.B04("item-c", 0, 63), await ValueAt("s2", "2024-01-01/2024-12-31", 0, 63));
        Assert.Equal(TimeLayerServer.B04("item-c", 0, 63), await ValueAt("s2", "2024-01-15,2024-07-23", 0, 63));
        Assert.Equal(TimeLayerServer.B04("item-a", 40, 20), await ValueAt("s2", "2024-01-01/current", 40, 20));
    }

    [Fact]
    public async Task GetMap_PicturesDifferPerDate_AndTheDefaultIsTheLatest()
    {
        var january = await host.Client.GetByteArrayAsync(Map + "s2&TIME=2024-01-15");
        var july = await host.Client.GetByteArrayAsync(Map + "s2&TIME=2024-07-23");
        var byDefault = await host.Client.GetByteArrayAsync(Map + "s2");

        Assert.NotEqual(january, july);
        Assert.Equal(july, byDefault);
    }

    [Fact]
    public async Task NearestValue_AnswersTheNearestMonth_WithTheWarningHeader()
    {
        using var response = await host.Client.GetAsync(Map + "s2-monthly&TIME=2024-02-20");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("99 Nearest value used: time=2024-01 ISO8601", string.Join("", response.Headers.GetValues("Warning")));
        Assert.Equal(await host.Client.GetByteArrayAsync(Map + "s2-monthly&TIME=2024-01"), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("s2&TIME=2023-06-01", "InvalidDimensionValue")]
    [InlineData("s2&TIME=2024-02-01", "InvalidDimensionValue")]
    [InlineData("s2&TIME=yesterday", "InvalidDimensionValue")]
    [InlineData("s2&TIME=2024-12-01/2024-01-01", "InvalidDimensionValue")]
    [InlineData("s2&TIME=2024-01-01/2024-12-31/P1D", "InvalidDimensionValue")]
    [InlineData("s2-nodefault", "MissingDimensionValue")]
    public async Task BadOrMissingTime_IsTheAnnexCException(string query, string code)
    {
        using var response = await host.Client.GetAsync(Map + query);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(400, (int)response.StatusCode);
        XmlValidation.AssertValidXsd(bytes, "wms/1.3.0/exceptions_1_3_0.xsd");
        var exception = XDocument.Load(new MemoryStream(bytes)).Descendants(Ogc + "ServiceException").Single();
        Assert.Equal(code, (string?)exception.Attribute("code"));
        Assert.Equal("time", (string?)exception.Attribute("locator"));
    }

    private async Task<double?> ValueAt(string layer, string time, int i, int j)
    {
        var url = Map.Replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo") + layer + $"&QUERY_LAYERS={layer}&INFO_FORMAT=application/json&I={i}&J={j}"
            + (time.Length > 0 ? "&TIME=" + Uri.EscapeDataString(time) : "");
        using var json = JsonDocument.Parse(await host.Client.GetStringAsync(url));
        var value = json.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("B04");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }
}
