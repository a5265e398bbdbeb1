using System.Net.Http.Json;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// info.geojson's footprint, ported from titiler src/titiler/core/tests/test_factories.py (test_TilerFactory: a
/// Polygon for cog.tif, a MultiPolygon for cog_dateline.tif) on GDAL-made COGs: visual.tif and dateline.tif
/// (make-dateline-cog.sh, UTM 1N across 180°), against gdalinfo's wgs84Extent.
/// </summary>
public sealed class CogInfoGeoJsonTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "visual.tif", "dateline.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    [Fact]
    public async Task Footprint_AcrossTheAntimeridian_IsAMultiPolygonOfBothSides()
    {
        var feature = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/info.geojson?url=data/dateline.tif");

        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        var bbox = feature.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // gdalinfo's wgs84Extent corners: 179.4065366 … -179.1563068 in longitude, 0 … 1.446535 in latitude.
        Assert.Equal(179.4065366, bbox[0], 1e-4);
        Assert.Equal(0, bbox[1], 1e-4);
        Assert.Equal(-179.1563068, bbox[2], 1e-4);
        Assert.InRange(bbox[3], 1.4465, 1.45);
        var geometry = feature.GetProperty("geometry");
        Assert.Equal("MultiPolygon", geometry.GetProperty("type").GetString());
        var parts = geometry.GetProperty("coordinates").EnumerateArray()
            .Select(p => p[0].EnumerateArray().Select(c => c[0].GetDouble()).ToArray()).ToArray();
        Assert.Equal(2, parts.Length);
        Assert.Equal((-180, bbox[2]), (parts[0].Min(), parts[0].Max()));  // west of the antimeridian first, as TiTiler
        Assert.Equal((bbox[0], 180), (parts[1].Min(), parts[1].Max()));
    }

    [Fact]
    public async Task Footprint_ElsewhereIsAPolygon()
    {
        var feature = await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/info.geojson?url=data/visual.tif");

        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        var bbox = feature.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = RealCogs.Reference.GetProperty("wgs84Bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], bbox[i], 1e-6);
    }
}
