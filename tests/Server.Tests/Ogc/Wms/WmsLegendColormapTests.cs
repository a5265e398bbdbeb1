using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>A style's colormap is looked up once for tiles and legends: an unknown name is the same 400 through both doors.</summary>
public sealed class WmsLegendColormapTests : IDisposable
{
    private const string Config = """
        {
          "Sources": { "AllowedRoots": ["data"] },
          "Layers": [
            { "Id": "demo", "Title": "Demo", "Source": { "Type": "cog", "Url": "data/demo.tif" },
              "Render": { "Bidx": [1], "Rescale": [[0, 3000]] },
              "Styles": { "viridis": { "ColormapName": "viridis" }, "nomap": { "ColormapName": "nosuchmap" } },
              "TileMatrixSets": ["WebMercatorQuad"] }
          ]
        }
        """;

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public WmsLegendColormapTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(Config, opener, plugins: true);
        opener.Add(FakeRasterDataset.Constant(_server.DataPath("demo.tif"), new Bounds(-20037508.342789244, 0, 0, 20037508.342789244), 1));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task UnknownColormap_IsInvalidParameterValueOnTheLegendAsOnTiles()
    {
        var tile = await _client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?style=nomap");
        Assert.Equal(HttpStatusCode.BadRequest, tile.StatusCode);
        using var problem = JsonDocument.Parse(await tile.Content.ReadAsStringAsync());
        Assert.Equal("colormap_name", problem.RootElement.GetProperty("parameter").GetString());

        var legend = await _client.GetAsync("/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&LAYER=demo&STYLE=nomap&FORMAT=image/png");
        Assert.Equal(HttpStatusCode.BadRequest, legend.StatusCode);
        var exception = XDocument.Parse(await legend.Content.ReadAsStringAsync()).Root!.Elements().Single();
        Assert.Equal("InvalidParameterValue", (string?)exception.Attribute("code"));
        Assert.Equal("colormap_name", (string?)exception.Attribute("locator"));
        Assert.Contains("unknown colormap 'nosuchmap'", exception.Value);
    }

    [Fact]
    public async Task KnownColormap_DrawsTheLegend()
    {
        var legend = await _client.GetAsync("/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&LAYER=demo&STYLE=viridis&FORMAT=image/png");
        Assert.Equal(HttpStatusCode.OK, legend.StatusCode);
        Assert.Equal("image/png", legend.Content.Headers.ContentType?.MediaType);
    }
}
