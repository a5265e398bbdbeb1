using System.Security.Cryptography;
using System.Text.Json;
using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>OWSLib (python3-owslib) reads the time dimension of a stac-search layer and fetches a WMTS tile per date.</summary>
public sealed class TimeInteropTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    [Fact]
    public async Task OwsLib_ReadsTheTimeDimension_AndGetsATilePerDate()
    {
        var script = Path.Combine(TestSupport.RepoPaths.Root, "tests", "Server.Tests", "Ogc", "Interop", "owslib_time_check.py");

        var output = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", script, host.BaseUrl, "s2", "6768", "8328", "2024-01-15", "2024-07-23");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("wms 1.3.0 time 2024-07-23 2024-01-15,2024-04-14,2024-07-23", lines);
        Assert.Contains("wms 1.1.1 time 2024-07-23 2024-01-15,2024-04-14,2024-07-23", lines);
        foreach (var date in new[] { "2024-01-15", "2024-07-23" })
        {
            var tile = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/{date}/WebMercatorQuad/14/6768/8328.png");
            Assert.Contains($"wmts tile {date} {Convert.ToHexStringLower(SHA256.HashData(tile))}", lines);
        }
    }

    /// <summary>
    /// GDAL's WMTS driver (gdal-bin) takes the layer's Time Dimension Default into the tiles it asks for (the {Time}
    /// segment of the REST template): reading the matrix-14 tile over the items gives the server's tile of the latest
    /// date, band for band.
    /// </summary>
    [Fact]
    public async Task Gdal_WmtsDriver_ReadsTheTimeDefault()
    {
        const int row = 6768, col = 8328;
        var span = 2 * 20037508.342789244 / (1 << 14);
        var (west, north) = (-20037508.342789244 + col * span, 20037508.342789244 - row * span);
        var output = Path.Combine(Path.GetTempPath(), $"gdal-wmts-time-{Guid.NewGuid():N}.tif");
        try
        {
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-projwin", F(west), F(north), F(west + span), F(north - span),
                $"WMTS:{host.BaseUrl}/wmts/1.0.0/WMTSCapabilities.xml,layer=s2,tilematrixset=WebMercatorQuad,tilematrix=14", output);

            var read = await ChecksumsAsync(output);
            Assert.Equal(4, read.Count);
            foreach (var (date, same) in new[] { ("2024-07-23", true), ("2024-01-15", false) })
            {
                var tile = await ChecksumsAsync($"/vsicurl/{host.BaseUrl}/wmts/1.0.0/s2/default/{date}/WebMercatorQuad/14/{row}/{col}.png");
                var matches = read[0] == tile[0] && read[^1] == tile[^1];
                Assert.True(matches == same, $"GDAL's read {string.Join(',', read)}, the server's tile of {date} {string.Join(',', tile)}");
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>
    /// GDAL 3.6's WMTS driver has no option to pick a dimension value (it takes the Default); a capabilities URL with
    /// Time= sets that Default, so gdal_translate of the RESTful and the KVP capabilities of two dates gives each
    /// date's tile, band for band.
    /// </summary>
    [Theory]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml?Time=2024-01-15")]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&Time=2024-04-14")]
    public async Task Gdal_WmtsDriver_ReadsTheDateTheCapabilitiesUrlGives(string capabilities)
    {
        const int row = 6768, col = 8328;
        var date = capabilities[^10..];
        var span = 2 * 20037508.342789244 / (1 << 14);
        var (west, north) = (-20037508.342789244 + col * span, 20037508.342789244 - row * span);
        var output = Path.Combine(Path.GetTempPath(), $"gdal-wmts-time-{Guid.NewGuid():N}.tif");
        try
        {
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-projwin", F(west), F(north), F(west + span), F(north - span),
                $"WMTS:{host.BaseUrl}{capabilities},layer=s2,tilematrixset=WebMercatorQuad,tilematrix=14", output);

            var read = await ChecksumsAsync(output);
            Assert.Equal(4, read.Count);
            foreach (var (tileDate, same) in new[] { (date, true), ("2024-07-23", false) })
            {
                var tile = await ChecksumsAsync($"/vsicurl/{host.BaseUrl}/wmts/1.0.0/s2/default/{tileDate}/WebMercatorQuad/14/{row}/{col}.png");
                var matches = read[0] == tile[0] && read[^1] == tile[^1];   // the grey+alpha tile as GDAL's RGBA
                Assert.True(matches == same, $"GDAL's read {string.Join(',', read)}, the server's tile of {tileDate} {string.Join(',', tile)}");
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string F(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<int>> ChecksumsAsync(string dataset)
    {
        var info = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", "-checksum", dataset)).RootElement;
        return info.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("checksum").GetInt32()).ToList();
    }
}
