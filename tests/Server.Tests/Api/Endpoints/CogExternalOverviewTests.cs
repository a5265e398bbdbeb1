using System.Net.Http.Json;
using System.Text.Json;
using OgcTiler.Raster;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// Ported from titiler src/titiler/core/tests/test_factories.py (test_TilerFactory_WithGdalEnv: /info of non_cog.tif,
/// whose overviews are in non_cog.tif.ovr, lists them when GDAL may read the folder, its default): a striped GeoTIFF
/// without internal overviews and a .ovr made by gdaladdo -ro; info's overviews are GDAL's decimation factors.
/// </summary>
public sealed class CogExternalOverviewTests : IDisposable
{
    private readonly RasterOpener _engine = new(() => new HttpClient(), 16);
    private readonly ServerFactory _server = new(ServerFactory.DemoConfig(), new FakeRasterOpener(), plugins: false);

    public void Dispose()
    {
        _server.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public async Task Info_OfAFileWithAnOvrSidecar_ListsItsOverviews()
    {
        var path = _server.DataPath("non_cog.tif");
        await ExternalProcess.RunCheckedAsync("gdal_create", "-q", "-of", "GTiff", "-outsize", "300", "200", "-bands", "1", "-burn", "7",
            "-a_srs", "EPSG:32621", "-a_ullr", "500000", "8000000", "503000", "7998000", path);
        await ExternalProcess.RunCheckedAsync("gdaladdo", "-q", "-ro", path, "2", "4");
        Assert.True(File.Exists(path + ".ovr"));
        using var gdal = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", path));
        var expected = gdal.RootElement.GetProperty("bands")[0].GetProperty("overviews").EnumerateArray()
            .Select(o => (int)Math.Round(300.0 / o.GetProperty("size")[0].GetInt32())).ToArray();
        _server.Opener.Add(await _engine.OpenAsync(path, default));

        var info = await _server.CreateClient().GetFromJsonAsync<JsonElement>("/cog/info?url=data/non_cog.tif");

        Assert.Equal([2, 4], expected);
        Assert.Equal(expected, info.GetProperty("overviews").EnumerateArray().Select(v => v.GetInt32()).ToArray());
    }
}
