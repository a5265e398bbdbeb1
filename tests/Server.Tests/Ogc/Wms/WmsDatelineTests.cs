using System.Globalization;
using System.Xml.Linq;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>
/// WMS of a configured layer across the antimeridian: dateline.tif (tests/data/api/cogs/make-dateline-cog.sh, UTM 1N
/// over 180°, the data of rio-tiler's test_dateline), whose footprint gdalinfo gives as 179.4065366 … -179.1563068 in
/// longitude, 0 … 1.446535 in latitude. WMS 1.3.0's EX_GeographicBoundingBox keeps both longitudes within ±180° (the
/// XSD's longitudeType) with west &gt; east, as ISO 19115 reads it; WMS 1.1.1's LatLonBoundingBox and every
/// BoundingBox have min &lt; max, so they take every longitude of the CRS, as MapServer writes for data across 180°.
/// </summary>
public sealed class WmsDatelineTests : IAsyncLifetime
{
    private static readonly XNamespace Wms = "http://www.opengis.net/wms";
    private const double West = 179.4065366, East = -179.1563068, North = 1.446535;
    private const double MercatorHalfWidth = 20037508.342789244;

    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new ServerFactory("""
            {
              "Sources": { "AllowedRoots": ["data"] },
              "Layers": [
                { "Id": "dateline", "Title": "Across 180°", "Source": { "Type": "cog", "Url": "data/dateline.tif" },
                  "Render": { "Rescale": [[0, 255]] } }
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

    [Fact]
    public async Task Capabilities130_AreValid_WestOfEastGeographicBox_BoundingBoxesHoldBothSides()
    {
        var bytes = await _client.GetByteArrayAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");

        XmlValidation.AssertValidXsd(bytes, "sld/1.1.0/sld_capabilities.xsd");
        var doc = XDocument.Load(new MemoryStream(bytes));
        var root = doc.Descendants(Wms + "Capability").Single().Element(Wms + "Layer")!;
        var layer = doc.Descendants(Wms + "Layer").Single(l => (string?)l.Element(Wms + "Name") == "dateline");
        foreach (var geo in new[] { root, layer }.Select(l => l.Element(Wms + "EX_GeographicBoundingBox")!))
        {
            Assert.Equal(West, (double)geo.Element(Wms + "westBoundLongitude")!, 1e-6);
            Assert.Equal(East, (double)geo.Element(Wms + "eastBoundLongitude")!, 1e-6);
            Assert.Equal(0, (double)geo.Element(Wms + "southBoundLatitude")!);
            Assert.Equal(North, (double)geo.Element(Wms + "northBoundLatitude")!, 1e-6);
        }
        Assert.Equal(["CRS:84", "EPSG:4326", "EPSG:3857", "EPSG:32601", "EPSG:32660"], layer.Elements(Wms + "CRS").Select(c => c.Value));
        AssertCorners([-180, 0, 180, North], Box(layer, "CRS", "CRS:84"), 1e-6);
        AssertCorners([0, -180, North, 180], Box(layer, "CRS", "EPSG:4326"), 1e-6); // latitude first
        var northY = 6378137 * Math.Log(Math.Tan(Math.PI / 4 + North * Math.PI / 360));
        AssertCorners([-MercatorHalfWidth, 0, MercatorHalfWidth, northY], Box(layer, "CRS", "EPSG:3857"), 0.2);
        AssertCorners([100000, 0, 260000, 160000], Box(layer, "CRS", "EPSG:32601"), 1e-9);
        var zone60 = Box(layer, "CRS", "EPSG:32660"); // the part west of 180°, in UTM zone 60's area of use
        Assert.True(zone60[0] < zone60[2] && Math.Abs(zone60[1]) < 1e-6 && zone60[2] > 800000, string.Join(" ", zone60));
    }

    [Fact]
    public async Task Capabilities111_AreValid_WithEveryLongitude()
    {
        var bytes = await _client.GetByteArrayAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1");

        XmlValidation.AssertValidDtd(bytes);
        var doc = XDocument.Load(new MemoryStream(bytes));
        var layer = doc.Descendants("Layer").Single(l => (string?)l.Element("Name") == "dateline");
        AssertCorners([-180, 0, 180, North], Corners(doc.Descendants("Capability").Single().Element("Layer")!.Element("LatLonBoundingBox")!), 1e-6);
        AssertCorners([-180, 0, 180, North], Corners(layer.Element("LatLonBoundingBox")!), 1e-6);
        AssertCorners([-180, 0, 180, North], Box(layer, "SRS", "EPSG:4326"), 1e-6);
    }

    [Theory]
    [InlineData("1.3.0", "CRS=CRS:84&BBOX=179.4,0,180,1.45")]
    [InlineData("1.3.0", "CRS=CRS:84&BBOX=-180,0,-179.15,1.45")]
    [InlineData("1.3.0", "CRS=EPSG:4326&BBOX=0,179.4,1.45,180")]
    [InlineData("1.1.1", "SRS=EPSG:4326&BBOX=-180,0,-179.15,1.45")]
    [InlineData("1.3.0", "CRS=EPSG:3857&BBOX=19971000,0,20037508.34,161000")]
    [InlineData("1.3.0", "CRS=EPSG:3857&BBOX=-20037508.34,0,-19943000,161000")]
    public async Task GetMap_OnEachSideOf180_DrawsTheData(string version, string box)
    {
        using var picture = await GetMapAsync(version, box);

        // the data fills the box but for its edges (179.4066 and -179.1563 in longitude, 1.4465 in latitude)
        Assert.True(picture.Pixels.Count(p => p.Alpha > 0) > 0.9 * picture.Pixels.Length, $"{picture.Pixels.Count(p => p.Alpha > 0)} pixels drawn");
    }

    [Fact]
    public async Task GetMap_AwayFromTheData_DrawsNothing()
    {
        using var picture = await GetMapAsync("1.3.0", "CRS=CRS:84&BBOX=-1,0,1,1.45");

        Assert.All(picture.Pixels, p => Assert.Equal(0, p.Alpha));
    }

    private async Task<SkiaSharp.SKBitmap> GetMapAsync(string version, string box)
    {
        var response = await _client.GetAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION={version}&LAYERS=dateline&STYLES=&{box}&WIDTH=64&HEIGHT=64&FORMAT=image/png&TRANSPARENT=TRUE");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private static double[] Box(XElement layer, string attribute, string code) =>
        Corners(layer.Elements(layer.Name.Namespace + "BoundingBox").Single(b => (string?)b.Attribute(attribute) == code));

    private static double[] Corners(XElement box) =>
        new[] { "minx", "miny", "maxx", "maxy" }.Select(a => double.Parse(box.Attribute(a)!.Value, CultureInfo.InvariantCulture)).ToArray();

    private static void AssertCorners(double[] expected, double[] actual, double tolerance)
    {
        for (var i = 0; i < 4; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"expected {string.Join(' ', expected)}, got {string.Join(' ', actual)}");
    }
}
