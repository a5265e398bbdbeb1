using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// Real clients against the endpoints on a loopback port: GDAL (gdal-bin) and OWSLib (python3-owslib for
/// /usr/bin/python3); .ci/run installs both.
/// </summary>
public sealed class ClientInteropTests
{
    [Fact]
    public async Task Gdal_OpensTheWmtsCapabilities_InEachCrsOrder()
    {
        await using var host = await OgcTestHost.StartAsync(kestrel: true);
        foreach (var (set, crs) in new[] { ("WebMercatorQuad", "Pseudo-Mercator"), ("WorldCRS84Quad", "WGS 84"), ("UTM31WGS84Quad", "UTM zone 31N") })
        {
            var info = await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", $"WMTS:{host.BaseUrl}/wmts/1.0.0/WMTSCapabilities.xml,layer=utm,tilematrixset={set}");
            var json = JsonDocument.Parse(info).RootElement;
            Assert.Contains(crs, json.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
            // The dataset extent is the layer's box: its corners hold lon 1.5..2.5 / lat 43.5..44.5.
            var wgs84 = json.GetProperty("wgs84Extent").GetProperty("coordinates")[0];
            var lons = wgs84.EnumerateArray().Select(p => p[0].GetDouble()).ToList();
            var lats = wgs84.EnumerateArray().Select(p => p[1].GetDouble()).ToList();
            Assert.InRange(lons.Min(), 1.3, 1.51);
            Assert.InRange(lats.Max(), 44.49, 44.7);
        }
    }

    [Fact]
    public async Task GdalTranslate_OfAWmsMap_IsGeoreferencedLikeTheRequest()
    {
        await using var host = await OgcTestHost.StartAsync(kestrel: true);
        var output = Path.Combine(Path.GetTempPath(), $"ogc-wms-{Guid.NewGuid():N}.tif");
        try
        {
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-of", "GTiff", "-outsize", "64", "64",
                $"WMS:{host.BaseUrl}/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=utm&SRS=EPSG:4326&BBOX=1.6,43.6,2.4,44.4&FORMAT=image/png", output);
            var json = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", output)).RootElement;
            var geo = json.GetProperty("geoTransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(1.6, geo[0], 9);
            Assert.Equal(0.8 / 64, geo[1], 9);
            Assert.Equal(44.4, geo[3], 9);
            Assert.Equal(-0.8 / 64, geo[5], 9);
            Assert.Equal([64, 64], json.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task OwsLib_ParsesBothCapabilities_AndFetchesATileAndAMap()
    {
        await using var host = await OgcTestHost.StartAsync(kestrel: true);
        var script = Path.Combine(TestSupport.RepoPaths.Root, "tests", "Server.Tests", "Ogc", "Interop", "owslib_check.py");
        var output = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", script, host.BaseUrl.TrimEnd('/'));
        Assert.Contains("wmts ok", output);
        Assert.Contains("wms 1.3.0 ok", output);
        Assert.Contains("wms 1.1.1 ok", output);
    }
}
