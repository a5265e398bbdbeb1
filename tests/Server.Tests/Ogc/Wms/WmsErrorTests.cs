using System.Xml.Linq;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>Every WMS error case: exception code, locator (1.3.0) and HTTP status, and the report is schema-valid.</summary>
public sealed class WmsErrorTests
{
    private const string Map130 = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:4326&BBOX=43.8,1.8,44.2,2.2&LAYERS=utm&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png";
    private const string Info130 = "/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.3.0&CRS=EPSG:4326&BBOX=43.8,1.8,44.2,2.2&LAYERS=utm&STYLES=&WIDTH=64&HEIGHT=64&QUERY_LAYERS=utm&INFO_FORMAT=application/json&I=1&J=1";

    public static TheoryData<string, string, string?, int> Cases => new()
    {
        { "/wms?SERVICE=WMS", "MissingParameterValue", "request", 400 },
        { "/wms?SERVICE=WFS&REQUEST=GetCapabilities", "InvalidParameterValue", "service", 400 },
        { "/wms?SERVICE=WMS&REQUEST=GetStyles&VERSION=1.3.0", "OperationNotSupported", "request", 501 },
        { "/wms?SERVICE=WMS&REQUEST=getmap&VERSION=1.3.0", "OperationNotSupported", "request", 501 },
        { "/wms?SERVICE=WMS&REQUEST=GetCapabilities&UPDATESEQUENCE=99999999999", "InvalidUpdateSequence", "updatesequence", 400 },
        { Map130.Replace("VERSION=1.3.0", "VERSION=9.9.9"), "InvalidParameterValue", "version", 400 },
        // ets-wms13 getmap:no-version: VERSION is mandatory in GetMap (WMS 1.3.0 table 8) and GetFeatureInfo (table 9).
        { Map130.Replace("&VERSION=1.3.0", ""), "MissingParameterValue", "version", 400 },
        { Map130.Replace("VERSION=1.3.0", "VERSION="), "MissingParameterValue", "version", 400 },
        { Info130.Replace("&VERSION=1.3.0", ""), "MissingParameterValue", "version", 400 },
        { Map130.Replace("&LAYERS=utm", ""), "MissingParameterValue", "layers", 400 },
        { Map130.Replace("LAYERS=utm", "LAYERS=nope"), "LayerNotDefined", "layers", 400 },
        { Map130.Replace("LAYERS=utm", "LAYERS=UTM"), "LayerNotDefined", "layers", 400 },
        { Map130.Replace("STYLES=", "STYLES=nope"), "StyleNotDefined", "styles", 400 },
        { Map130.Replace("STYLES=", "STYLES=default,default"), "StyleNotDefined", "styles", 400 },
        { Map130.Replace("&CRS=EPSG:4326", ""), "MissingParameterValue", "crs", 400 },
        { Map130.Replace("CRS=EPSG:4326", "CRS=EPSG:999999"), "InvalidCRS", "crs", 400 },
        { Map130.Replace("&CRS=EPSG:4326", "&SRS=EPSG:4326"), "MissingParameterValue", "crs", 400 },
        { Map130.Replace("&BBOX=43.8,1.8,44.2,2.2", ""), "MissingParameterValue", "bbox", 400 },
        { Map130.Replace("BBOX=43.8,1.8,44.2,2.2", "BBOX=1,2,3"), "InvalidParameterValue", "bbox", 400 },
        { Map130.Replace("BBOX=43.8,1.8,44.2,2.2", "BBOX=44.2,1.8,43.8,2.2"), "InvalidParameterValue", "bbox", 400 },
        { Map130.Replace("WIDTH=64", "WIDTH=0"), "InvalidParameterValue", "width", 400 },
        { Map130.Replace("WIDTH=64", "WIDTH=4097"), "InvalidParameterValue", "width", 400 },
        { Map130.Replace("HEIGHT=64", "HEIGHT=abc"), "InvalidParameterValue", "height", 400 },
        { Map130.Replace("FORMAT=image/png", "FORMAT=image/gif"), "InvalidFormat", "format", 400 },
        { Map130.Replace("&FORMAT=image/png", ""), "MissingParameterValue", "format", 400 },
        { Map130 + "&TRANSPARENT=maybe", "InvalidParameterValue", "transparent", 400 },
        { Map130 + "&BGCOLOR=red", "InvalidParameterValue", "bgcolor", 400 },
        { Map130 + "&EXCEPTIONS=PDF", "InvalidParameterValue", "exceptions", 400 },
        { Info130.Replace("I=1", "I=64"), "InvalidPoint", "i", 400 },
        { Info130.Replace("J=1", "J=-1"), "InvalidPoint", "j", 400 },
        { Info130.Replace("&I=1", ""), "MissingParameterValue", "i", 400 },
        { Info130.Replace("QUERY_LAYERS=utm", "QUERY_LAYERS=world"), "LayerNotDefined", "query_layers", 400 },
        { Info130.Replace("INFO_FORMAT=application/json", "INFO_FORMAT=image/png"), "InvalidFormat", "info_format", 400 },
        { Info130.Replace("&INFO_FORMAT=application/json", ""), "MissingParameterValue", "info_format", 400 },
        { Info130 + "&FEATURE_COUNT=0", "InvalidParameterValue", "feature_count", 400 },
        { "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=nope", "LayerNotDefined", "layer", 400 },
        { "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=utm&STYLE=nope", "StyleNotDefined", "style", 400 },
        { "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=utm&FORMAT=image/jpeg", "InvalidFormat", "format", 400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_130_FailsWithCodeLocatorAndStatus(string url, string code, string? locator, int status)
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var exception = XDocument.Load(new MemoryStream(body)).Root!.Elements().Single();
        Assert.Equal(code, (string?)exception.Attribute("code"));
        Assert.Equal(locator, (string?)exception.Attribute("locator"));
        XmlValidation.AssertValidXsd(body, "wms/1.3.0/exceptions_1_3_0.xsd");
    }

    [Fact]
    public async Task CurrentUpdateSequence_IsReported()
    {
        await using var host = await OgcTestHost.StartAsync();
        var caps = XDocument.Parse(await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        var sequence = caps.Root!.Attribute("updateSequence")!.Value;
        var response = await host.Client.GetAsync("/wms?SERVICE=WMS&REQUEST=GetCapabilities&UPDATESEQUENCE=" + sequence);
        var exception = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements().Single();
        Assert.Equal("CurrentUpdateSequence", (string?)exception.Attribute("code"));
    }

    [Theory]
    [InlineData("&SRS=EPSG:999999", "InvalidSRS")]
    [InlineData("&SRS=EPSG:4326&LAYERS=nope", "LayerNotDefined")]
    public async Task Request_111_IsAServiceExceptionReportValidAgainstTheDtd(string parameters, string code)
    {
        await using var host = await OgcTestHost.StartAsync();
        var url = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&BBOX=1,43,2,44&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png" + parameters;
        if (!parameters.Contains("LAYERS"))
            url += "&LAYERS=utm";
        var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/vnd.ogc.se_xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)XDocument.Load(new MemoryStream(body)).Root!.Element("ServiceException")!.Attribute("code"));
        XmlValidation.AssertValidDtd(body);
    }
}
