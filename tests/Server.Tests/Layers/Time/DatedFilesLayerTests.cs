using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Server.Tests.Ogc;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Layers.Time;

/// <summary>
/// Issue 15: a <c>cog</c> layer listing one datetime per file (<c>Source:Files</c>) declares Time as a stac-search
/// layer does. The fixture COGs of the three STAC items (item-a 2024-01-15, item-b 2024-04-14, item-c 2024-07-23) are
/// the files; each date's WMTS tile and WMS map must be the very picture of a plain <c>cog</c> layer over that file.
/// </summary>
public sealed class DatedFilesLayerTests : IAsyncLifetime
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";
    private static readonly XNamespace Ogc = "http://www.opengis.net/ogc";

    // WebMercatorQuad z14 tile over the fixture items (about 3.003°E 29.828°N), as WmtsTimeTests
    private const int Row = 6768, Col = 8328;
    private const string Map = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:32631&BBOX=" + TimeLayerServer.ItemBox
        + "&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&LAYERS=";

    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new ServerFactory(Config, opener: null, plugins: false);
        _client = _server.CreateClient();
        return Task.CompletedTask;
    }

    private static string File(string item) => RepoPaths.Data("stac", "items", item, "B04.tif");

    private static string Config => $$"""
        {
          "Sources": { "AllowedRoots": ["{{RepoPaths.Data("stac", "items")}}"] },
          "Layers": [
            { "Id": "scenes", "Render": { "Rescale": [[0, 6000]] }, "Time": { "Resolution": "P1D" },
              "Source": { "Type": "cog", "Files": [
                { "Url": "{{File("item-a")}}", "Datetime": "2024-01-15T08:44:29Z" },
                { "Url": "{{File("item-b")}}", "Datetime": "2024-04-14T08:42:51Z" },
                { "Url": "{{File("item-c")}}", "Datetime": "2024-07-23" } ] } },
            { "Id": "a", "Render": { "Rescale": [[0, 6000]] }, "Source": { "Type": "cog", "Url": "{{File("item-a")}}" } },
            { "Id": "c", "Render": { "Rescale": [[0, 6000]] }, "Source": { "Type": "cog", "Url": "{{File("item-c")}}" } }
          ]
        }
        """;

    [Fact]
    public async Task WmtsCapabilities_DeclareTheFilesDates_AndAreSchemaValid()
    {
        var bytes = await _client.GetByteArrayAsync("/wmts/1.0.0/WMTSCapabilities.xml");

        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
        var layers = XDocument.Load(new MemoryStream(bytes)).Descendants(Wmts + "Layer").ToList();
        var dimension = layers.Single(l => (string?)l.Element(Ows + "Identifier") == "scenes").Element(Wmts + "Dimension")!;
        Assert.Equal("Time", (string?)dimension.Element(Ows + "Identifier"));
        Assert.Equal("2024-07-23", (string?)dimension.Element(Wmts + "Default"));
        Assert.Equal(["2024-01-15", "2024-04-14", "2024-07-23"], dimension.Elements(Wmts + "Value").Select(v => v.Value));
        Assert.Null(layers.Single(l => (string?)l.Element(Ows + "Identifier") == "a").Element(Wmts + "Dimension"));
    }

    [Fact]
    public async Task GetTile_OfADate_IsThatFilesTile()
    {
        var kvp = $"/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=scenes&STYLE=default&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=14&TILEROW={Row}&TILECOL={Col}&FORMAT=image/png";
        var january = await _client.GetByteArrayAsync(kvp + "&TIME=2024-01-15");
        var julyRest = await _client.GetByteArrayAsync($"/wmts/1.0.0/scenes/default/2024-07-23/WebMercatorQuad/14/{Row}/{Col}.png");
        var byDefault = await _client.GetByteArrayAsync(kvp);

        Assert.Equal(await _client.GetByteArrayAsync($"/wmts/1.0.0/a/default/WebMercatorQuad/14/{Row}/{Col}.png"), january);
        Assert.Equal(await _client.GetByteArrayAsync($"/wmts/1.0.0/c/default/WebMercatorQuad/14/{Row}/{Col}.png"), julyRest);
        Assert.NotEqual(january, julyRest);
        Assert.Equal(julyRest, byDefault);
    }

    [Fact]
    public async Task WmsTime_SelectsTheFilesOfThatDate()
    {
        var january = await _client.GetByteArrayAsync(Map + "scenes&TIME=2024-01-15");
        var july = await _client.GetByteArrayAsync(Map + "scenes&TIME=2024-07-23T08:44:19Z");

        Assert.Equal(await _client.GetByteArrayAsync(Map + "a"), january);
        Assert.Equal(await _client.GetByteArrayAsync(Map + "c"), july);
        Assert.NotEqual(january, july);
    }

    [Fact]
    public async Task WmsTimeRange_TakesEachPixelFromTheFirstListedFileWithData()
    {
        // (40, 20) holds data in item-a, listed first; at (0, 63) item-a has its nodata wedge, item-b does not reach
        // (it starts 32 columns east) and item-c fills it.
        Assert.Equal(TimeLayerServer.B04("item-a", 40, 20), await ValueAt("2024-01-01/2024-12-31", 40, 20));
        Assert.Equal(0, TimeLayerServer.B04("item-a", 0, 63));
        Assert.Equal(TimeLayerServer.B04("item-c", 0, 63), await ValueAt("2024-01-01/2024-12-31", 0, 63));
        Assert.Null(await ValueAt("2024-01-15", 0, 63));
    }

    [Theory]
    [InlineData("&TIME=2023-06-01", "InvalidDimensionValue")]
    [InlineData("&TIME=2024-02-01", "InvalidDimensionValue")]
    public async Task WmsTime_MatchingNoFile_IsInvalidDimensionValue(string time, string code)
    {
        using var response = await _client.GetAsync(Map + "scenes" + time);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(400, (int)response.StatusCode);
        var exception = XDocument.Load(new MemoryStream(bytes)).Descendants(Ogc + "ServiceException").Single();
        Assert.Equal(code, (string?)exception.Attribute("code"));
        Assert.Contains("2024-01-15, 2024-04-14, 2024-07-23", exception.Value);
    }

    private async Task<double?> ValueAt(string time, int i, int j)
    {
        var url = Map.Replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo") + $"scenes&QUERY_LAYERS=scenes&INFO_FORMAT=application/json&I={i}&J={j}&TIME="
            + Uri.EscapeDataString(time);
        using var json = JsonDocument.Parse(await _client.GetStringAsync(url));
        var value = json.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("b1");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }
}
