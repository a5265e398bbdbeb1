using System.Net;
using System.Xml.Linq;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Tests.Ogc;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>/cog/WMTSCapabilities.xml without a TileMatrixSet in the path: every set in one document (TiTiler 2.x).</summary>
public sealed class WmtsCapabilitiesTests : IDisposable
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public WmtsCapabilitiesTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        opener.Add(new FakeRasterDataset(_server.DataPath("demo.tif"), "EPSG:3857", Area, 1, (_, _, _) => 1));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    // Ported from titiler application/tests/routes/test_cog.py test_wmts.
    [Fact]
    public async Task NoSetInThePath_DescribesTheRequestWithTheOgcCrsUri()
    {
        var response = await _client.GetAsync("/cog/WMTSCapabilities.xml?url=data/demo.tif");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http://localhost/cog/WMTSCapabilities.xml?url=data", text);
        Assert.Contains("http://localhost/cog/tiles/WebMercatorQuad/{TileMatrix}/{TileCol}/{TileRow}.png?url=data", text);
        Assert.Contains("<ows:SupportedCRS>http://www.opengis.net/def/crs/EPSG/0/3857</ows:SupportedCRS>", text);
        XmlValidation.AssertValidXsd(await response.Content.ReadAsByteArrayAsync(), "wmts/1.0/wmtsGetCapabilities_response.xsd");
    }

    // Ported from titiler application/tests/routes/test_cog.py test_wmts (use_epsg).
    [Fact]
    public async Task UseEpsg_WritesEpsgCodes_AndIsNotPassedToTiles()
    {
        var text = await _client.GetStringAsync("/cog/WMTSCapabilities.xml?url=data/demo.tif&use_epsg=true");
        Assert.Contains("<ows:SupportedCRS>EPSG:3857</ows:SupportedCRS>", text);
        Assert.DoesNotContain("use_epsg=true&", text);
        Assert.DoesNotContain("png?url=data%2Fdemo.tif&amp;use_epsg", text);
    }

    /// <summary>Every set WMTS can describe is listed, with a layer per set that meets the data, named as TiTiler's.</summary>
    [Fact]
    public async Task EveryDescribableSet_AndALayerPerSetHoldingTheData()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync("/cog/WMTSCapabilities.xml?url=data/demo.tif&rescale=0,2"));
        var contents = xml.Root!.Element(Wmts + "Contents")!;
        var sets = contents.Elements(Wmts + "TileMatrixSet").Select(s => s.Element(Ows + "Identifier")!.Value).ToArray();
        var describable = TileMatrixSetRegistry.Load(null, OgcTiler.Raster.Crs.CrsRegistry.Default).All.Where(WmtsLayerSets.IsDescribable).Select(s => s.Id);
        Assert.Equal(describable.Order(), sets.Order());
        Assert.DoesNotContain("CDB1GlobalGrid", sets);
        var layers = contents.Elements(Wmts + "Layer").Select(l => l.Element(Ows + "Identifier")!.Value).ToArray();
        Assert.Contains("data/demo.tif_WebMercatorQuad_default", layers);
        Assert.Contains("data/demo.tif_WorldCRS84Quad_default", layers);
        Assert.Subset(sets.Select(id => $"data/demo.tif_{id}_default").ToHashSet(), layers.ToHashSet());
        var mercator = contents.Elements(Wmts + "Layer").Single(l => l.Element(Ows + "Identifier")!.Value == "data/demo.tif_WebMercatorQuad_default");
        Assert.Contains("/cog/tiles/WebMercatorQuad/{TileMatrix}/{TileCol}/{TileRow}.png?url=data%2Fdemo.tif&rescale=0%2C2",
            mercator.Element(Wmts + "ResourceURL")!.Attribute("template")!.Value);
    }

    /// <summary>The layer's limits are the zoom range asked for, over the tiles holding the data.</summary>
    [Fact]
    public async Task Limits_AreTheZoomRangeOverTheData()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync("/cog/WebMercatorQuad/WMTSCapabilities.xml?url=data/demo.tif&minzoom=2&maxzoom=4"));
        var limits = xml.Descendants(Wmts + "TileMatrixLimits").ToArray();
        Assert.Equal(["2", "3", "4"], limits.Select(l => l.Element(Wmts + "TileMatrix")!.Value));
        // The data is the north-west quarter of the world: at zoom 3, columns 0..3 and rows 0..3.
        var z3 = limits[1];
        Assert.Equal([0, 3, 0, 3], new[] { "MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol" }.Select(n => (int)z3.Element(Wmts + n)!));
        Assert.Equal(25, xml.Descendants(Wmts + "TileMatrix").Count(m => m.Parent!.Name == Wmts + "TileMatrixSet"));
    }

    [Fact]
    public async Task ASetWmtsCannotDescribe_Is404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/cog/CDB1GlobalGrid/WMTSCapabilities.xml?url=data/demo.tif")).StatusCode);

    [Fact]
    public async Task BadUseEpsg_Is422() =>
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _client.GetAsync("/cog/WMTSCapabilities.xml?url=data/demo.tif&use_epsg=maybe")).StatusCode);
}
