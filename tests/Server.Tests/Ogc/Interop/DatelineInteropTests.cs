using System.Text.Json;
using OgcTiler.TestSupport;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// Real clients on a layer across the antimeridian: dateline.tif (tests/data/api/cogs/make-dateline-cog.sh, UTM 1N over
/// 180°, lon 179.4065..180 and -180..-179.1563, lat 0..1.4465 as gdalinfo's wgs84Extent gives it), whose WMTS layer
/// has one WGS84BoundingBox on each side of 180° (WmtsDatelineTests). GDAL's WMTS driver takes the layer's BoundingBox
/// in the set's CRS, the whole width of the world, and must find the data at both edges; QGIS must draw each side.
/// </summary>
public sealed class DatelineInteropTests : IAsyncLifetime
{
    private const string Config = """
        {
          "Sources": { "AllowedRoots": ["data"] },
          "Layers": [
            { "Id": "dateline", "Source": { "Type": "cog", "Url": "data/dateline.tif" },
              "Render": { "Rescale": [[0, 255]] }, "TileMatrixSets": ["WebMercatorQuad", "WorldCRS84Quad"] }
          ]
        }
        """;

    private ServerFactory _server = null!;
    private string _baseUrl = null!;

    public Task InitializeAsync()
    {
        _server = new ServerFactory(Config, opener: null);
        File.Copy(RepoPaths.Data("api", "cogs", "dateline.tif"), _server.DataPath("dateline.tif"));
        _baseUrl = _server.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("WebMercatorQuad")]
    [InlineData("WorldCRS84Quad")]
    public async Task GdalWmtsDriver_FindsTheDataAtBothEdgesOfTheWorld_AndNoneBetween(string set)
    {
        var output = Path.Combine(Path.GetTempPath(), $"gdal-dateline-{Guid.NewGuid():N}.png");
        try
        {
            var result = await ExternalProcess.RunAsync("gdal_translate", ["-q", "-of", "PNG", "-outsize", "2048", "16",
                $"WMTS:{_baseUrl}/wmts?SERVICE=WMTS&REQUEST=GetCapabilities,layer=dateline,tilematrixset={set}", output],
                environment: new Dictionary<string, string> { ["GDAL_HTTP_MAX_RETRY"] = "0" });
            Assert.True(result.Exit == 0, $"gdal_translate exited {result.Exit}: {result.Error}");

            using var picture = SKBitmap.Decode(output);
            Assert.Equal(2048, picture.Width);
            var columns = Enumerable.Range(0, picture.Width)
                .Where(x => Enumerable.Range(0, picture.Height).Any(y => picture.GetPixel(x, y).Alpha > 0)).ToList();
            // 2048 columns over 360°: -180..-179.1563 is columns 0..4.8, 179.4065..180 columns 2044.6..2048
            Assert.Equal(0, columns.Min());
            Assert.Equal(2047, columns.Max());
            Assert.All(columns, x => Assert.True(x <= 5 || x >= 2044, $"column {x} is away from the data"));
            Assert.Contains(4, columns);
            Assert.Contains(2045, columns);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Through WMTS in both sets and WMS 1.3.0 in EPSG:4326 and EPSG:3857, as qgis_check.py compares.</summary>
    [Fact]
    public async Task Qgis_DrawsEachSideOf180_AsGdalReadsTheSource()
    {
        var source = JsonSerializer.Serialize(new { file = _server.DataPath("dateline.tif"), bands = new[] { 1 }, rescale = new[] { 0, 255 } });
        var sides = """{ "east": [179.3, -0.1, 180, 1.5], "west": [-180, -0.1, -179.0, 1.5] }""";
        var script = Path.Combine(RepoPaths.Root, "tests", "Server.Tests", "Ogc", "Interop", "qgis_dateline_check.py");

        var output = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", script, _baseUrl, "dateline", source, sides);

        var maps = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal((2 + 2) * 2 * 2, maps.Count);
        var failures = maps.Select(QgisInteropTests.Problem).OfType<string>().ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {maps.Count} maps:\n{string.Join('\n', failures)}");
    }
}
