using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// TiTiler 2.x's band names on /cog over the GDAL-made COGs of make_real_cogs.py (visual.tif: 3 bands, no nodata, no
/// descriptions; b08.tif: nodata 0). Cases from titiler application/tests/routes/test_cog.py (test_info,
/// test_json_response_with_nan) and core/tests/test_factories.py (test_TilerFactory), named per case.
/// </summary>
public sealed class CogTitiler2NamesTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "visual.tif", "b08.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    [Fact]
    public async Task Info_DescribesBandsWithoutDescriptionByTheirName_AndNodataIsNullWhenNone() // test_cog.py test_info
    {
        var info = await JsonAsync("/cog/info?url=data/visual.tif");
        Assert.Equal([["b1", "b1"], ["b2", "b2"], ["b3", "b3"]],
            info.GetProperty("band_descriptions").EnumerateArray().Select(d => d.EnumerateArray().Select(v => v.GetString()).ToArray()));
        Assert.Equal(JsonValueKind.Null, info.GetProperty("nodata_value").ValueKind);
        Assert.Equal("None", info.GetProperty("nodata_type").GetString());

        var geojson = await JsonAsync("/cog/info.geojson?url=data/visual.tif");
        Assert.Equal(JsonValueKind.Null, geojson.GetProperty("properties").GetProperty("nodata_value").ValueKind);
        Assert.Equal(0, (await JsonAsync("/cog/info?url=data/b08.tif")).GetProperty("nodata_value").GetDouble());
    }

    [Fact]
    public async Task Statistics_OfARepeatedBand_AreOneEntry_DescribedByItsName() // test_factories.py: bidx=1&bidx=1&bidx=1
    {
        var stats = await JsonAsync("/cog/statistics?url=data/visual.tif&bidx=1&bidx=1&bidx=1");
        var band = Assert.Single(stats.EnumerateObject());
        Assert.Equal("b1", band.Name);
        Assert.Equal("b1", band.Value.GetProperty("description").GetString());
        Assert.Equal(RealCogs.Visual(0).Max(), band.Value.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Statistics_OfAnExpression_AreB1_DescribedByTheExpression() // test_factories.py: expression=b1*2
    {
        var stats = await JsonAsync("/cog/statistics?url=data/visual.tif&expression=b3*2");
        var band = Assert.Single(stats.EnumerateObject());
        Assert.Equal("b1", band.Name);
        Assert.Equal("b3*2", band.Value.GetProperty("description").GetString());
        Assert.Equal(2 * RealCogs.Visual(2).Max(), band.Value.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Point_NamesRepeatedBandsByIndex_AndExpressionsPositionally() // test_factories.py test_TilerFactory /point
    {
        var p = RealCogs.Reference.GetProperty("points")[1];
        var at = string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("lon").GetDouble():R},{p.GetProperty("lat").GetDouble():R}");

        var point = await JsonAsync($"/cog/point/{at}?url=data/visual.tif&bidx=2&bidx=2");
        Assert.Equal(["b2", "b2"], Strings(point.GetProperty("band_names")));
        Assert.Equal(["b2", "b2"], Strings(point.GetProperty("band_descriptions")));

        point = await JsonAsync($"/cog/point/{at}?url=data/visual.tif&expression=b2*2");
        Assert.Equal(["b1"], Strings(point.GetProperty("band_names")));
        Assert.Equal(["b2*2"], Strings(point.GetProperty("band_descriptions")));
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString());

    private async Task<JsonElement> JsonAsync(string path)
    {
        // The plugins load in a hosted service: wait until the expression compiler answers.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _cogs.Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (attempt < 50 && body.Contains("plugin"))
            {
                await Task.Delay(100);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement;
        }
    }
}
