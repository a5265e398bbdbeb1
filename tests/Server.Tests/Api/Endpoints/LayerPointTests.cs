using System.Globalization;
using System.Net;
using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>/layers/{id}/point/{lon},{lat} on the shipped s2 layer, against gdallocationinfo on the same COG.</summary>
public sealed class LayerPointTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private readonly HttpClient _client = demo.Server.CreateClient();

    [Theory]
    [InlineData(30.73, 29.39)]
    [InlineData(30.65, 29.45)]
    public async Task Point_AllBands_AreGdallocationinfosValues(double lon, double lat)
    {
        var x = lon.ToString(CultureInfo.InvariantCulture);
        var y = lat.ToString(CultureInfo.InvariantCulture);
        var gdal = (await ExternalProcess.RunCheckedAsync("gdallocationinfo", "-wgs84", "-valonly", Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif"), x, y))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture));

        using var point = JsonDocument.Parse(await _client.GetStringAsync($"/layers/s2/point/{x},{y}?bidx=1,2,3,4"));

        Assert.Equal(gdal, point.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["b1", "b2", "b3", "b4"], point.RootElement.GetProperty("band_names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([lon, lat], point.RootElement.GetProperty("coordinates").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task Point_StyleAndExpression_ShapeTheValues()
    {
        using var style = JsonDocument.Parse(await _client.GetStringAsync("/layers/s2/point/30.73,29.39?style=falsecolour"));
        using var all = JsonDocument.Parse(await _client.GetStringAsync("/layers/s2/point/30.73,29.39?bidx=1,2,3,4"));
        using var ndvi = JsonDocument.Parse(await _client.GetStringAsync("/layers/s2/point/30.73,29.39?style=ndvi"));

        var bands = all.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([bands[3], bands[2], bands[1]], style.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        var expected = (bands[3] - bands[2]) / (bands[3] + bands[2]);
        Assert.Equal(expected, ndvi.RootElement.GetProperty("values")[0].GetDouble(), 6);
    }

    [Theory]
    [InlineData("/layers/s2/point/10,10", HttpStatusCode.NotFound, "point outside bounds")]
    [InlineData("/layers/s2/point/30.73", HttpStatusCode.BadRequest, "is not lon,lat")]
    [InlineData("/layers/s2/point/30.73,29.39?style=nope", HttpStatusCode.BadRequest, "has no style 'nope'")]
    [InlineData("/layers/nope/point/30.73,29.39", HttpStatusCode.NotFound, "nope")]
    public async Task Point_BadRequest_IsAProblemSayingWhy(string url, HttpStatusCode status, string reason)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }
}
