using System.Xml.Linq;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.TestSupport.Hosting.Fakes;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// Errors raised below the protocol (opening or reading a layer's data, render options the pipeline refuses) as
/// WMTS ExceptionReports and WMS ServiceExceptionReports: code, locator and HTTP status.
/// </summary>
public sealed class DataErrorTests
{
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    public static TheoryData<string, string, string?, int> Cases => new()
    {
        { "missing", "NoApplicableCode", null, 404 },
        { "denied", "NoApplicableCode", null, 403 },
        { "offline", "NoApplicableCode", null, 424 },
        { "corrupt", "NoApplicableCode", null, 422 },
        { "needs-plugin", "InvalidParameterValue", "colormap_name", 400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GetTile_ReportsTheDataError(string layer, string code, string? locator, int status)
    {
        await using var host = await StartAsync();
        foreach (var url in new[]
        {
            $"/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=10&TILEROW=372&TILECOL=517",
            $"/wmts/1.0.0/{layer}/default/WebMercatorQuad/10/372/517.png",
        })
        {
            var response = await host.Client.GetAsync(url);
            Assert.Equal(status, (int)response.StatusCode);
            var exception = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(Ows + "Exception")!;
            Assert.Equal(code, (string?)exception.Attribute("exceptionCode"));
            Assert.Equal(locator, (string?)exception.Attribute("locator"));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GetMap_ReportsTheDataError(string layer, string code, string? locator, int status)
    {
        await using var host = await StartAsync();
        var response = await host.Client.GetAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:4326&BBOX=43.8,1.8,44.2,2.2&LAYERS=utm,{layer}&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(status, (int)response.StatusCode);
        var exception = XDocument.Load(new MemoryStream(body)).Root!.Elements().Single();
        Assert.Equal(code, (string?)exception.Attribute("code"));
        Assert.Equal(locator, (string?)exception.Attribute("locator"));
        XmlValidation.AssertValidXsd(body, "wms/1.3.0/exceptions_1_3_0.xsd");
    }

    [Fact]
    public async Task Capabilities_LeaveOutTheLayersWhoseDataDoesNotOpen()
    {
        await using var host = await StartAsync();
        var wmts = await host.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml");
        var wms = await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities");
        Assert.DoesNotContain(">missing<", wmts);
        Assert.DoesNotContain(">denied<", wms);
        Assert.Contains(">offline<", wmts);
    }

    private static async Task<OgcTestHost> StartAsync()
    {
        var host = await OgcTestHost.StartAsync(
        [
            .. OgcTestHost.DefaultLayers(),
            Layer("missing", FakeSource.Utm31("missing")),
            Layer("denied", FakeSource.Utm31("denied")),
            Layer("offline", new FailingSource("offline", new UpstreamException("GET https://example.com/offline.tif: 503"))),
            Layer("corrupt", new FailingSource("corrupt", new RasterFormatException("corrupt.tif", "tile 3 is truncated"))),
            Layer("needs-plugin", new FailingSource("needs-plugin", new InvalidParameterException("colormap_name", "colormap_name: the Colormaps plugin is not loaded"))),
        ]);
        host.Registry.OpenErrors["missing"] = new ResourceNotFoundException("missing.tif does not exist");
        host.Registry.OpenErrors["denied"] = new AccessDeniedException("denied.tif is outside Sources:AllowedRoots");
        return host;
    }

    private static (LayerDefinition, IRasterSource) Layer(string id, IRasterSource source) =>
        (new LayerDefinition { Id = id, Source = new SourceDefinition("cog", id + ".tif", new Dictionary<string, string>()) }, source);
}
