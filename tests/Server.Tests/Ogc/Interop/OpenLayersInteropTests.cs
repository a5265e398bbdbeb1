using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// OpenLayers (the <c>ol</c> npm package in Node, tests/interop/openlayers) builds a WMTS source for every layer ×
/// TileMatrixSet of the real server's capabilities, KVP and REST, and fetches tiles inside the advertised limits.
/// .ci/run installs the package with <c>npm ci</c>; locally run it once in that folder.
/// </summary>
public sealed class OpenLayersInteropTests
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "interop", "openlayers");

    [Theory]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml")]
    public async Task OpenLayers_BuildsASourceForEveryLayerAndSet_AndItsTileUrlsReturnImages(string capabilities)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "ol")), $"the ol package is not installed: run `npm ci` in {Folder}");
        await using var server = new DemoOgcServer();
        var baseUrl = server.StartOnLoopback();
        using var client = new HttpClient();
        var document = XDocument.Parse(await client.GetStringAsync(baseUrl + capabilities));
        var pairs = document.Descendants(Wmts + "Layer").Sum(l => l.Elements(Wmts + "TileMatrixSetLink").Count());

        var (exitCode, stdout, stderr) = await ExternalTool.RunUncheckedAsync("node", Path.Combine(Folder, "check-wmts.mjs"), baseUrl + capabilities);

        Assert.True(stdout.Length > 0, $"node printed no summary (exit {exitCode}):\n{stderr}");
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Empty(summary.GetProperty("failures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(document.Descendants(Wmts + "Layer").Count(), summary.GetProperty("layers").GetInt32());
        Assert.True(pairs >= 8, $"the demo layers are offered in {pairs} layer × set pairs; expected both layers in at least 4 sets");
        Assert.Equal(pairs, summary.GetProperty("layerSetPairs").GetInt32());
        Assert.Equal(2 * pairs, summary.GetProperty("sourcesChecked").GetInt32());
        Assert.True(summary.GetProperty("tilesFetched").GetInt32() >= 2 * pairs * 20, stdout);
        Assert.Equal(0, exitCode);
    }
}
