using System.Text.Json;
using OgcTiler.Server.Tests.Layers.Time;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// GetFeatureInfo with a TIME that covers several dates of a time-enabled layer (WMS 1.3.0, 1.1.1, WMTS KVP) answers
/// the value at each date besides the mosaic the map shows, in JSON and CSV; values checked against the fixture
/// items' own pixels (WMS) and against the single-date answers (WMTS).
/// </summary>
public sealed class FeatureInfoTimeSeriesTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private const string Year = "2024-01-01/2024-12-31";

    private static readonly string Wms130 = "/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.3.0&CRS=EPSG:32631&BBOX=" + TimeLayerServer.ItemBox
        + "&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&LAYERS=s2&QUERY_LAYERS=s2";

    private static readonly string Wms111 = "/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.1.1&SRS=EPSG:32631&BBOX=" + TimeLayerServer.ItemBox
        + "&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&LAYERS=s2&QUERY_LAYERS=s2";

    private const string Wmts = "/wmts?SERVICE=WMTS&REQUEST=GetFeatureInfo&VERSION=1.0.0&LAYER=s2&STYLE=default&TILEMATRIXSET=WebMercatorQuad"
        + "&TILEMATRIX=14&TILEROW=6768&TILECOL=8328&FORMAT=image/png&I=175&J=175";

    /// <summary>(40, 20) of item-a's grid is (8, 20) of item-b's (32 columns east) and (40, 20) of item-c's.</summary>
    private static readonly (string Time, double? B04)[] At40x20 =
    [
        ("2024-01-15", TimeLayerServer.B04("item-a", 40, 20)),
        ("2024-04-14", TimeLayerServer.B04("item-b", 8, 20)),
        ("2024-07-23", TimeLayerServer.B04("item-c", 40, 20)),
    ];

    [Theory]
    [InlineData("1.3.0")]
    [InlineData("1.1.1")]
    public async Task WmsRange_GivesTheValueAtEachDate_AndTheMosaicAsBefore(string version)
    {
        var point = version == "1.3.0" ? "&I=40&J=20" : "&X=40&Y=20";
        var url = (version == "1.3.0" ? Wms130 : Wms111) + point + "&INFO_FORMAT=application/json&TIME=" + Uri.EscapeDataString(Year);

        var properties = await PropertiesAsync(url);

        Assert.Equal(At40x20, Series(properties));
        Assert.Equal(TimeLayerServer.B04("item-a", 40, 20), properties.GetProperty("B04").GetDouble()); // the first item of the range, as GetMap draws it
    }

    [Fact]
    public async Task WmsList_WithNodataAtOneDate_GivesNullThere()
    {
        // (0, 63): item-a's nodata wedge; item-b does not reach column 0
        var properties = await PropertiesAsync(Wms130 + "&I=0&J=63&INFO_FORMAT=application/json&TIME=2024-01-15,2024-04-14,2024-07-23");

        Assert.Equal([("2024-01-15", null), ("2024-04-14", null), ("2024-07-23", TimeLayerServer.B04("item-c", 0, 63))], Series(properties));
    }

    [Fact]
    public async Task WmsCsv_HasARowPerDate()
    {
        var csv = await host.Client.GetStringAsync(Wms130 + "&I=40&J=20&INFO_FORMAT=text/csv&TIME=" + Uri.EscapeDataString(Year));

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("layer,time,band,value,x,y,crs", rows[0]);
        Assert.Equal(At40x20.Select(d => $"s2,{d.Time},B04,{d.B04},500405,3299795,EPSG:32631"), rows[1..]);
    }

    [Fact]
    public async Task OneDate_HasNoSeries()
    {
        var properties = await PropertiesAsync(Wms130 + "&I=40&J=20&INFO_FORMAT=application/json&TIME=2024-04-14");

        Assert.False(properties.TryGetProperty("time_series", out _));
        var csv = await host.Client.GetStringAsync(Wms130 + "&I=40&J=20&INFO_FORMAT=text/csv&TIME=2024-04-14");
        Assert.Equal($"s2,,B04,{TimeLayerServer.B04("item-b", 8, 20)},500405,3299795,EPSG:32631", csv.Split("\r\n")[1]);
    }

    [Fact]
    public async Task WmtsRange_GivesTheValueAtEachDate_AsEachDateAlone()
    {
        var properties = await PropertiesAsync(Wmts + "&INFOFORMAT=application/json&TIME=" + Uri.EscapeDataString(Year));
        var expected = new List<(string, double?)>();
        foreach (var date in At40x20.Select(d => d.Time))
        {
            var single = await PropertiesAsync(Wmts + "&INFOFORMAT=application/json&TIME=" + date);
            expected.Add((date, single.GetProperty("B04").GetDouble()));
        }

        Assert.Equal(expected, Series(properties));
        Assert.Equal(3, expected.Select(e => e.Item2).Distinct().Count());
    }

    private static (string, double?)[] Series(JsonElement properties) =>
        [.. properties.GetProperty("time_series").EnumerateArray().Select(d => (d.GetProperty("time").GetString()!,
            d.GetProperty("B04").ValueKind == JsonValueKind.Null ? (double?)null : d.GetProperty("B04").GetDouble()))];

    private async Task<JsonElement> PropertiesAsync(string url)
    {
        using var json = JsonDocument.Parse(await host.Client.GetStringAsync(url));
        return json.RootElement.GetProperty("features")[0].GetProperty("properties").Clone();
    }
}
