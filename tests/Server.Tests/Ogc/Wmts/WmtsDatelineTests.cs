using System.Xml.Linq;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

/// <summary>
/// WMTS of a configured layer across the antimeridian: dateline.tif (tests/data/api/cogs/make-dateline-cog.sh, UTM 1N
/// over 180°, the data of rio-tiler's test_dateline) read by the real engine. The OWS 1.1 WGS84BoundingBox holds
/// minimum and maximum longitudes, and a layer may list several, meaning their union (owsDataIdentification.xsd), so
/// the layer has one box on each side of 180°. A TileMatrixLimits holds one column range, so a matrix whose data sits
/// in its first and last columns allows every column (ets-wmts10's TileMatrixSetLimits checks then pass for every
/// tile it allows: each answers an image, transparent away from the data).
/// </summary>
public sealed class WmtsDatelineTests : IAsyncLifetime
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new ServerFactory("""
            {
              "Sources": { "AllowedRoots": ["data"] },
              "Layers": [
                { "Id": "dateline", "Title": "Across 180°", "Source": { "Type": "cog", "Url": "data/dateline.tif" },
                  "Render": { "Rescale": [[0, 255]] }, "TileMatrixSets": ["WebMercatorQuad", "WorldCRS84Quad"] }
              ]
            }
            """, opener: null);
        File.Copy(RepoPaths.Data("api", "cogs", "dateline.tif"), _server.DataPath("dateline.tif"));
        _client = _server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(byte[] Bytes, XElement Layer)> CapabilitiesAsync()
    {
        var bytes = await _client.GetByteArrayAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities");
        return (bytes, XDocument.Load(new MemoryStream(bytes)).Descendants(Wmts + "Layer").Single());
    }

    [Fact]
    public async Task Capabilities_AreValid_WithABoxOnEachSideOf180()
    {
        var (bytes, layer) = await CapabilitiesAsync();

        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
        var boxes = layer.Elements(Ows + "WGS84BoundingBox")
            .Select(b => (Lower: Corner(b, "LowerCorner"), Upper: Corner(b, "UpperCorner"))).ToList();
        Assert.Equal(2, boxes.Count);
        // gdalinfo's wgs84Extent of dateline.tif: 179.4065366 … -179.1563068 in longitude, 0 … 1.446535 in latitude.
        Assert.Equal(179.4065366, boxes[0].Lower[0], 1e-6);
        Assert.Equal(180, boxes[0].Upper[0]);
        Assert.Equal(-180, boxes[1].Lower[0]);
        Assert.Equal(-179.1563068, boxes[1].Upper[0], 1e-6);
        Assert.All(boxes, b => Assert.Equal((0, 1.446535), (b.Lower[1], Math.Round(b.Upper[1], 6))));
    }

    [Theory]
    [InlineData("WebMercatorQuad", "5", 15, 15, 32)]
    [InlineData("WebMercatorQuad", "8", 126, 127, 256)] // lat 0..1.4465: row 127 ends at 1.406°
    [InlineData("WorldCRS84Quad", "4", 7, 7, 32)]
    public async Task Limits_SpanEveryColumn_WhereTheDataSitsAtBothEdges(string tms, string matrix, int minRow, int maxRow, int columns)
    {
        var limits = LimitsOf((await CapabilitiesAsync()).Layer, tms, matrix);

        Assert.Equal([minRow, maxRow, 0, columns - 1], limits);
    }

    [Fact]
    public async Task EveryTileWithinTheLimits_IsAnImage_WithDataAtBothEdgesOnly()
    {
        var (_, layer) = await CapabilitiesAsync();
        var limits = LimitsOf(layer, "WebMercatorQuad", "5");

        for (var col = limits[2]; col <= limits[3]; col++)
        {
            var response = await _client.GetAsync($"/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=dateline&STYLE=default&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=5&TILEROW={limits[0]}&TILECOL={col}&FORMAT=image/png");
            Assert.Equal(200, (int)response.StatusCode);
            using var picture = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            var drawn = picture.Pixels.Count(p => p.Alpha > 0);
            if (col == 0 || col == limits[3])
                Assert.True(drawn > 0, $"column {col} holds data");
            else
                Assert.True(drawn == 0, $"column {col} is away from the data");
        }
    }

    private static double[] Corner(XElement box, string name) =>
        box.Element(Ows + name)!.Value.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static int[] LimitsOf(XElement layer, string tms, string matrix)
    {
        var link = layer.Elements(Wmts + "TileMatrixSetLink").Single(l => l.Element(Wmts + "TileMatrixSet")!.Value == tms);
        var limits = link.Descendants(Wmts + "TileMatrixLimits").Single(l => l.Element(Wmts + "TileMatrix")!.Value == matrix);
        return new[] { "MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol" }.Select(n => (int)limits.Element(Wmts + n)!).ToArray();
    }
}
