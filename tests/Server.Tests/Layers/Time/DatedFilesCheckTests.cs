using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Layers.Time;

/// <summary>
/// A layer's <c>Source:Files</c> as one source: its box is the files' union around the globe (files either side of
/// 180° as rio-tiler's get_geographic_bounds gives one across it, tests/test_io_rasterio.py::test_dateline), and files
/// that cannot make one layer stop the server at start. The files are written by gdal_create.
/// </summary>
public sealed class DatedFilesCheckTests
{
    private static string Config(params (string File, string Date)[] files) => $$"""
        {
          "Sources": { "AllowedRoots": ["data"] },
          "Layers": [
            { "Id": "dated", "Time": { "Resolution": "P1D" },
              "Source": { "Type": "cog", "Files": [ {{string.Join(", ", files.Select(f => $$"""{ "Url": "data/{{f.File}}", "Datetime": "{{f.Date}}" }"""))}} ] } }
          ]
        }
        """;

    [Fact]
    public async Task FilesEitherSideOf180_MakeOneBoxAcrossIt_NotTheWorld()
    {
        await using var server = new ServerFactory(Config(("east.tif", "2024-01-01"), ("west.tif", "2024-01-02")), opener: null);
        await CreateAsync(server.DataPath("east.tif"), "-a_srs", "EPSG:4326", "-a_ullr", "179", "1", "180", "0");
        await CreateAsync(server.DataPath("west.tif"), "-a_srs", "EPSG:4326", "-a_ullr", "-180", "1", "-179", "0");

        using var layer = JsonDocument.Parse(await server.CreateClient().GetStringAsync("/layers/dated"));

        Assert.Equal([179.0, 0, -179, 1], layer.RootElement.GetProperty("bounds").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)));
        Assert.Equal([179.0, 0, 181, 1], layer.RootElement.GetProperty("nativeBounds").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)));
        Assert.Equal(32, layer.RootElement.GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task FilesOfAnotherBandCountOrDataTypeOrCrs_StopTheServerAtStart_NamingEachFile()
    {
        var server = new ServerFactory(Config(("a.tif", "2024-01-01"), ("bands.tif", "2024-01-02"), ("bytes.tif", "2024-01-03"),
            ("crs.tif", "2024-01-04"), ("same.tif", "2024-01-05")), opener: null);
        await using (server)
        {
            const string Utm = "EPSG:32631";
            string[] box = ["-a_ullr", "500000", "3300000", "500640", "3299360"];
            await CreateAsync(server.DataPath("a.tif"), ["-ot", "UInt16", "-a_srs", Utm, .. box]);
            await CreateAsync(server.DataPath("bands.tif"), ["-ot", "UInt16", "-bands", "3", "-a_srs", Utm, .. box]);
            await CreateAsync(server.DataPath("bytes.tif"), ["-ot", "Byte", "-a_srs", Utm, .. box]);
            await CreateAsync(server.DataPath("crs.tif"), ["-ot", "UInt16", "-a_srs", "EPSG:4326", "-a_ullr", "3", "30", "3.01", "29.99"]);
            await CreateAsync(server.DataPath("same.tif"), ["-ot", "UInt16", "-a_srs", Utm, .. box]);

            var error = Assert.ThrowsAny<Exception>(() => server.CreateClient());

            var message = error.ToString();
            Assert.Contains("Layers:0:Source:Files: layer 'dated': the files of a layer share CRS, band count and data type", message);
            Assert.Contains("a.tif (EPSG:32631, 1 band(s) of UInt16)", message);
            Assert.Contains("bands.tif (EPSG:32631, 3 band(s) of UInt16)", message);
            Assert.Contains("bytes.tif (EPSG:32631, 1 band(s) of UInt8)", message);
            Assert.Contains("crs.tif (EPSG:4326, 1 band(s) of UInt16)", message);
            Assert.DoesNotContain("same.tif", message);
        }
    }

    /// <summary>A 16×16 GeoTIFF of value 10 (Byte unless <c>-ot</c> is given).</summary>
    private static Task CreateAsync(string path, params string[] options) =>
        ExternalProcess.RunCheckedAsync("gdal_create", ["-of", "GTiff", "-outsize", "16", "16", "-burn", "10", .. options, path]);
}
