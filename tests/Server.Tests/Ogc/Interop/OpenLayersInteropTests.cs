using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// OpenLayers (the <c>ol</c> npm package in Node, tests/interop/openlayers) builds a WMTS source for every layer ×
/// TileMatrixSet of the real server's capabilities, KVP and REST, and fetches tiles inside the advertised limits.
/// The packages of that folder's lock file are installed with <c>npm ci</c> on first use.
/// </summary>
public sealed class OpenLayersInteropTests
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    private static readonly Lazy<Task> OpenLayersInstalled = new(InstallOpenLayersAsync);

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "interop", "openlayers");

    [Theory]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml")]
    public async Task OpenLayers_BuildsASourceForEveryLayerAndSet_AndItsTileUrlsReturnImages(string capabilities)
    {
        await using var server = new ServerFactory();
        var baseUrl = server.StartOnLoopback();

        var document = await CheckAsync(baseUrl + capabilities);

        var pairs = document.Descendants(Wmts + "TileMatrixSetLink").Count();
        Assert.True(pairs >= 8, $"the demo layers are offered in {pairs} layer × set pairs; expected both layers in at least 4 sets");
    }

    /// <summary>Every TileMatrixSet WMTS can describe (polar, Lambert, UTM, northing-first LAEA...), through the fake global layer.</summary>
    [Fact]
    public async Task OpenLayers_BuildsASourceForEveryDescribableSet()
    {
        await using var host = await OgcTestHost.StartAsync(kestrel: true);

        var document = await CheckAsync(host.BaseUrl + "/wmts/1.0.0/WMTSCapabilities.xml");

        var describable = TileMatrixSetRegistry.Load(null, CrsRegistry.Default).All.Where(WmtsLayerSets.IsDescribable).Select(s => s.Id);
        var world = document.Descendants(Wmts + "Layer").Single(l => l.Element(Ows + "Identifier")!.Value == "world");
        Assert.Equal(describable, world.Elements(Wmts + "TileMatrixSetLink").Select(l => l.Element(Wmts + "TileMatrixSet")!.Value).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The Time dimension of a stac-search layer (TimeLayerServer: items on 2024-01-15, 2024-04-14, 2024-07-23; default
    /// the latest): optionsFromCapabilities puts its Default into the source's dimensions, the tile URL names that date
    /// (KVP parameter, REST {Time} segment) and answers that date's tile; updateDimensions switches to another date.
    /// </summary>
    [Fact]
    public async Task OpenLayers_TakesTheTimeDefaultFromTheCapabilities_AndUpdateDimensionsSwitchesTheDate()
    {
        await OpenLayersInstalled.Value;
        var host = new TimeLayerServer();
        await host.InitializeAsync();
        try
        {
            var result = await ExternalProcess.RunAsync("node", [Path.Combine(Folder, "check-wmts-time.mjs"),
                host.BaseUrl + "/wmts/1.0.0/WMTSCapabilities.xml", "s2", "WebMercatorQuad", "14/8328/6768", "2024-01-15"]);
            var summary = JsonDocument.Parse(ExternalProcess.Checked("node", ["check-wmts-time.mjs"], result)).RootElement;

            var latest = await TileHashAsync(host, "2024-07-23");
            var january = await TileHashAsync(host, "2024-01-15");
            Assert.NotEqual(latest, january);
            foreach (var (encoding, atLatest, atJanuary) in new[] { ("KVP", "Time=2024-07-23", "Time=2024-01-15"), ("REST", "/2024-07-23/", "/2024-01-15/") })
            {
                var source = summary.GetProperty(encoding);
                Assert.Equal("2024-07-23", source.GetProperty("dimensions").GetProperty("Time").GetString());
                Assert.Contains(atLatest, source.GetProperty("default").GetProperty("url").GetString());
                Assert.Equal(latest, source.GetProperty("default").GetProperty("sha256").GetString());
                Assert.Contains(atJanuary, source.GetProperty("other").GetProperty("url").GetString());
                Assert.Equal(january, source.GetProperty("other").GetProperty("sha256").GetString());
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<string> TileHashAsync(TimeLayerServer host, string date) =>
        Convert.ToHexStringLower(SHA256.HashData(await host.Client.GetByteArrayAsync($"/wmts/1.0.0/s2/default/{date}/WebMercatorQuad/14/6768/8328.png")));

    /// <summary>The sets' CRSs with northing-first axes (EPSG:3035, EPSG:2193...), as an app's proj4 definitions would declare them.</summary>
    private static string NorthingFirst(XDocument capabilities) => string.Join(',', capabilities.Root!.Element(Wmts + "Contents")!
        .Elements(Wmts + "TileMatrixSet").Select(s => s.Element(Ows + "SupportedCRS")!.Value).Distinct()
        .Where(urn => CrsRegistry.Default.Resolve(urn).NorthingFirst));

    private static async Task InstallOpenLayersAsync()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "ol")))
            await ExternalProcess.RunCheckedAsync("npm", "--prefix", Folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }

    /// <summary>Runs check-wmts.mjs on the capabilities and checks its summary against the document, which it returns.</summary>
    private static async Task<XDocument> CheckAsync(string capabilitiesUrl)
    {
        await OpenLayersInstalled.Value;
        using var client = new HttpClient();
        var document = XDocument.Parse(await client.GetStringAsync(capabilitiesUrl));
        var pairs = document.Descendants(Wmts + "Layer").Sum(l => l.Elements(Wmts + "TileMatrixSetLink").Count());

        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("node", [Path.Combine(Folder, "check-wmts.mjs"), capabilitiesUrl, NorthingFirst(document)]);

        Assert.True(stdout.Length > 0, $"node printed no summary (exit {exitCode}):\n{stderr}");
        var summary = JsonDocument.Parse(stdout).RootElement;
        var failures = summary.GetProperty("failures").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join('\n', failures.Take(40))}");
        Assert.Equal(document.Descendants(Wmts + "Layer").Count(), summary.GetProperty("layers").GetInt32());
        Assert.Equal(pairs, summary.GetProperty("layerSetPairs").GetInt32());
        Assert.Equal(2 * pairs, summary.GetProperty("sourcesChecked").GetInt32());
        Assert.True(summary.GetProperty("tilesFetched").GetInt32() >= 2 * pairs * 20, stdout);
        Assert.Equal(0, exitCode);
        return document;
    }
}
