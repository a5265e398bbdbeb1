using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// QGIS 3.22 headless (python3-qgis, qgis-providers for /usr/bin/python3) through its wms provider against the real
/// server: every layer × TileMatrixSet of the WMTS capabilities × png/jpeg, and WMS 1.3.0 in several CRSs, drawn by
/// QgsMapRendererSequentialJob and compared with GDAL reading the source COG over the same extent, size and CRS
/// (qgis_check.py). Besides the demo layers, "edge" (cut by the test from world-180.tif, lon 5..15, lat 25..35, as bytes) runs
/// across the southern edge of EuropeanETRS89_LAEAQuad's extent: it is offered there and QGIS must draw its data; and
/// "world" (world-180.tif) is offered in every set WMTS can describe (polar, Lambert, NZTM, UTM...).
/// </summary>
public sealed class QgisInteropTests
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    private static string World => RepoPaths.Data("api", "cogs", "world-180.tif");

    [Fact]
    public async Task Qgis_DrawsEveryLayer_InEveryOfferedSetAndFormat_AndOverWms_AsGdalReadsTheSource()
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-qgis-").FullName;
        try
        {
            var edge = Path.Combine(folder, "edge.tif");
            var warped = Path.Combine(folder, "edge.vrt");
            await ExternalProcess.RunCheckedAsync("gdalwarp", "-q", "-te", "5", "25", "15", "35", "-tr", "0.05", "0.05", "-r", "bilinear",
                "-of", "VRT", World, warped);
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-ot", "Byte", "-scale", "280", "310", "0", "255", "-a_nodata", "none",
                "-of", "COG", warped, edge);
            var demo = Path.Combine(RepoPaths.Root, "data", "demo");
            await using var server = new ServerFactory(Config(demo, folder, edge), opener: null);
            var baseUrl = server.StartOnLoopback();
            var sources = new Dictionary<string, object>
            {
                ["s2"] = new { file = Path.Combine(demo, "s2-4band.tif"), bands = new[] { 3, 2, 1 }, rescale = new[] { 0, 3000 }, wmsCrs = new[] { "EPSG:32636" } },
                ["rgb"] = new { file = Path.Combine(demo, "rgb.tif"), bands = new[] { 1, 2, 3 } },
                ["edge"] = new { file = edge, bands = new[] { 1 }, wmsCrs = new[] { "EPSG:3035" } },
                ["world"] = new { file = World, bands = new[] { 1 }, rescale = new[] { 0, 605 } },
            };

            var script = Path.Combine(RepoPaths.Root, "tests", "Server.Tests", "Ogc", "Interop", "qgis_check.py");
            var output = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", script, baseUrl, JsonSerializer.Serialize(sources));

            var maps = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            using var client = new HttpClient();
            var links = LinksOf(XDocument.Parse(await client.GetStringAsync(baseUrl + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")));
            Assert.Contains(("edge", "EuropeanETRS89_LAEAQuad"), links);
            foreach (var (layer, set) in links)
            {
                foreach (var format in new[] { "image/png", "image/jpeg" })
                {
                    var views = string.Join(',', maps.Where(m => Text(m, "client") == "qgis-wmts" && Text(m, "layer") == layer && Text(m, "set") == set && Text(m, "format") == format)
                        .Select(m => Text(m, "view")).Order(StringComparer.Ordinal));
                    Assert.True(views is "extent,zoomed" or "skipped", $"{layer} {set} {format}: {views}");
                }
            }
            Assert.Equal((3 + 2 + 3 + 2) * 2 * 2, maps.Count(m => Text(m, "client") == "qgis-wms"));
            // QGIS 3.22 reads EPSG:5042 northing first: it cannot place UPSAntarcticWGS84Quad's matrices (docs/ogc.md)
            var skipped = maps.Where(m => Text(m, "view") == "skipped").ToList();
            Assert.Equal([("world", "UPSAntarcticWGS84Quad")], skipped.Select(m => (Text(m, "layer")!, Text(m, "set")!)).Distinct());
            maps = maps.Except(skipped).ToList();
            var failures = maps.Select(Problem).OfType<string>().ToList();
            Assert.True(failures.Count == 0, $"{failures.Count} of {maps.Count} maps:\n{string.Join('\n', failures)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The demo layers as config/ogctiler.json declares them, and "edge".</summary>
    private static string Config(string demo, string folder, string edge) => $$"""
        {
          "Sources": { "AllowedRoots": ["{{demo}}", "{{folder}}", "{{RepoPaths.TestData}}"] },
          "Layers": [
            { "Id": "s2", "Source": { "Type": "cog", "Url": "{{demo}}/s2-4band.tif" }, "Render": { "Bidx": [3, 2, 1], "Rescale": [[0, 3000]] } },
            { "Id": "rgb", "Source": { "Type": "cog", "Url": "{{demo}}/rgb.tif" }, "Render": { "Bidx": [1, 2, 3] } },
            { "Id": "edge", "Source": { "Type": "cog", "Url": "{{edge}}" } },
            { "Id": "world", "Source": { "Type": "cog", "Url": "{{World}}" }, "Render": { "Rescale": [[0, 605]] } }
          ]
        }
        """;

    private static List<(string Layer, string Set)> LinksOf(XDocument capabilities) =>
        capabilities.Descendants(Wmts + "Layer")
            .SelectMany(l => l.Elements(Wmts + "TileMatrixSetLink").Select(k => (l.Element(Ows + "Identifier")!.Value, k.Element(Wmts + "TileMatrixSet")!.Value)))
            .ToList();

    /// <summary>
    /// What is wrong with one map, or null. The view must hold data; QGIS must draw nearly all of GDAL's data pixels
    /// and few others (resampling moves the edge by a pixel or so), and their colour must be the source's styled value
    /// within what JPEG and QGIS's resampling of tiles change (a few DN on average; a shifted, flipped or wrongly styled
    /// picture is off by tens).
    /// </summary>
    internal static string? Problem(JsonElement map)
    {
        var where = $"{Text(map, "client")} {Text(map, "layer")} {Text(map, map.TryGetProperty("set", out _) ? "set" : "crs")} {Text(map, "format")} {Text(map, "view")}";
        var errors = map.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        if (Text(map, "view") == "load" || errors.Count > 0)
            return $"{where}: {string.Join("; ", errors)}";
        var valid = map.GetProperty("valid").GetDouble();
        var drawn = Number(map, "drawn");
        var stray = Number(map, "stray");
        var diff = Number(map, "diff");
        return valid < 0.5 ? $"{where}: GDAL finds data in {valid:P0} of the view only"
            : drawn < 0.98 ? $"{where}: QGIS drew {drawn:P1} of the data pixels"
            : stray > 0.1 ? $"{where}: QGIS drew {stray:P1} of the pixels without data"
            : diff is null or > 10 ? $"{where}: mean difference {diff:F1} DN from GDAL's picture"
            : null;
    }

    private static string? Text(JsonElement map, string name) => map.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static double? Number(JsonElement map, string name) =>
        map.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
