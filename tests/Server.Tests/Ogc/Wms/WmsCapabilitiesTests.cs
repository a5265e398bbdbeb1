using System.Diagnostics;
using System.Xml.Linq;

namespace OgcTiler.Server.Tests.Ogc.Wms;

public sealed class WmsCapabilitiesTests
{
    private static readonly XNamespace Wms = "http://www.opengis.net/wms";

    [Fact]
    public async Task GetCapabilities_130_IsValidAgainstTheWmsAndSldSchemas()
    {
        await using var host = await OgcTestHost.StartAsync();
        var bytes = await host.Client.GetByteArrayAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        XmlValidation.AssertValidXsd(bytes, "sld/1.1.0/sld_capabilities.xsd");
    }

    [Fact]
    public async Task GetCapabilities_111_IsValidAgainstTheDtd()
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1");
        Assert.Equal("application/vnd.ogc.wms_xml", response.Content.Headers.ContentType?.MediaType);
        XmlValidation.AssertValidDtd(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("", "1.3.0")]
    [InlineData("&VERSION=1.3.0", "1.3.0")]
    [InlineData("&VERSION=1.1.1", "1.1.1")]
    [InlineData("&VERSION=1.1.0", "1.1.1")]
    [InlineData("&VERSION=1.2.0", "1.1.1")]
    [InlineData("&VERSION=2.0.0", "1.3.0")]
    [InlineData("&WMTVER=1.0.0", "1.1.1")]
    // ets-wms11 tests.xml: WMTVER alone is read as VERSION; with both, VERSION wins in either order.
    [InlineData("&WMTVER=1.1.1", "1.1.1")]
    [InlineData("&VERSION=1.1.1&WMTVER=0.0.0", "1.1.1")]
    [InlineData("&WMTVER=100.0.0&VERSION=1.1.1", "1.1.1")]
    [InlineData("&VERSION=1.3.0&WMTVER=0.0.0", "1.3.0")]
    public async Task GetCapabilities_NegotiatesTheVersion(string version, string expected)
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wms?service=WMS&request=GetCapabilities" + version));
        Assert.Equal(expected, doc.Root!.Attribute("version")!.Value);
    }

    [Fact]
    public async Task GetCapabilities_130_ListsCrsAndBoxesInTheAxisOrderOfEachCrs()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        var layer = doc.Descendants(Wms + "Layer").Single(l => (string?)l.Element(Wms + "Name") == "utm");
        var crs = layer.Elements(Wms + "CRS").Select(c => c.Value).ToList();
        Assert.Equal(["CRS:84", "EPSG:4326", "EPSG:3857", "EPSG:32631"], crs);
        var geo = layer.Element(Wms + "EX_GeographicBoundingBox")!;
        Assert.Equal(1.5, (double)geo.Element(Wms + "westBoundLongitude")!);
        Assert.Equal(44.5, (double)geo.Element(Wms + "northBoundLatitude")!);
        var box4326 = layer.Elements(Wms + "BoundingBox").Single(b => (string?)b.Attribute("CRS") == "EPSG:4326");
        Assert.Equal([43.5, 1.5, 44.5, 2.5], Corners(box4326));
        var box84 = layer.Elements(Wms + "BoundingBox").Single(b => (string?)b.Attribute("CRS") == "CRS:84");
        Assert.Equal([1.5, 43.5, 2.5, 44.5], Corners(box84));
        var box3857 = Corners(layer.Elements(Wms + "BoundingBox").Single(b => (string?)b.Attribute("CRS") == "EPSG:3857"));
        Assert.Equal(166979.2, box3857[0], 0.1);
        Assert.Equal(5543147.2, box3857[3], 1);
        var styles = layer.Elements(Wms + "Style").Select(s => (string?)s.Element(Wms + "Name")).ToList();
        Assert.Equal(["default", "viridis", "grey"], styles);
    }

    [Fact]
    public async Task GetCapabilities_111_ListsSrsAndBoxesInLonLatOrder()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1"), LoadOptions.None);
        var layer = doc.Descendants("Layer").Single(l => (string?)l.Element("Name") == "utm");
        Assert.Equal(["EPSG:4326", "EPSG:3857", "EPSG:32631"], layer.Elements("SRS").Select(s => s.Value));
        Assert.Equal([1.5, 43.5, 2.5, 44.5], Corners(layer.Element("LatLonBoundingBox")!));
        Assert.Equal([1.5, 43.5, 2.5, 44.5], Corners(layer.Elements("BoundingBox").Single(b => (string?)b.Attribute("SRS") == "EPSG:4326")));
    }

    [Fact]
    public async Task GetCapabilities_WorldLayerTouchesEveryUtmZoneInBothHemispheres()
    {
        await using var host = await OgcTestHost.StartAsync();
        var doc = XDocument.Parse(await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        var layer = doc.Descendants(Wms + "Layer").Single(l => (string?)l.Element(Wms + "Name") == "world");
        var crs = layer.Elements(Wms + "CRS").Select(c => c.Value).ToList();
        var zones = Enumerable.Range(1, 60).SelectMany(z => new[] { $"EPSG:{32600 + z}", $"EPSG:{32700 + z}" })
            .Where(code => OgcTiler.Raster.Crs.CrsRegistry.Default.TryResolve(code, out _)).ToList();
        Assert.NotEmpty(zones);
        Assert.Equal(new[] { "CRS:84", "EPSG:4326", "EPSG:3857" }.Concat(zones).Order(), crs.Order());
    }

    [Fact]
    public async Task GetCapabilities_IsCachedAndRebuiltWhenPluginsOrLayersChange()
    {
        await using var host = await OgcTestHost.StartAsync();
        const string url = "/wms?SERVICE=WMS&REQUEST=GetCapabilities";
        var first = await host.Client.GetByteArrayAsync(url);
        var sequence = Sequence(first);
        Assert.Equal(first, await host.Client.GetByteArrayAsync(url));

        host.Plugins.RaiseChanged();
        var afterPlugins = await host.Client.GetByteArrayAsync(url);
        Assert.Equal(sequence + 1, Sequence(afterPlugins));

        host.Registry.Layers = host.Registry.Layers.Where(l => l.Id == "utm").ToList();
        var afterConfig = XDocument.Parse(await host.Client.GetStringAsync(url));
        Assert.Equal(sequence + 2, long.Parse(afterConfig.Root!.Attribute("updateSequence")!.Value));
        Assert.DoesNotContain(afterConfig.Descendants(Wms + "Name"), n => n.Value == "world");
    }

    [Fact]
    public async Task GetCapabilities_Warm_IsServedFromTheCache()
    {
        await using var host = await OgcTestHost.StartAsync();
        const string url = "/wms?SERVICE=WMS&REQUEST=GetCapabilities";
        await host.Client.GetByteArrayAsync(url);
        var reads = host.Pipeline.Requests.Count;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
            await host.Client.GetByteArrayAsync(url);
        Assert.True(watch.ElapsedMilliseconds < 20 * 50, $"20 warm requests took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(reads, host.Pipeline.Requests.Count);
    }

    private static double[] Corners(XElement box) =>
        new[] { "minx", "miny", "maxx", "maxy" }.Select(a => double.Parse(box.Attribute(a)!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static long Sequence(byte[] document) => long.Parse(XDocument.Load(new MemoryStream(document)).Root!.Attribute("updateSequence")!.Value);
}
