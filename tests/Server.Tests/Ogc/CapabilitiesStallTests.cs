using System.Diagnostics;
using System.Xml.Linq;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// WMTS and WMS GetCapabilities while one layer's source never finishes opening: the documents come within a short
/// bound, keep the other layers, describe the stalled one as it was last opened (or leave it out if it never was),
/// and are not cached in that state.
/// </summary>
public sealed class CapabilitiesStallTests
{
    private const string Wmts = "/wmts/1.0.0/WMTSCapabilities.xml";
    private const string Wms = "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0";

    private static async Task<(XDocument Document, TimeSpan Took)> GetAsync(OgcTestHost host, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (XDocument.Parse(body), clock.Elapsed);
    }

    private static HashSet<string> LayerNames(XDocument document) =>
        document.Descendants().Where(e => e.Name.LocalName is "Identifier" or "Name" && e.Parent?.Name.LocalName == "Layer").Select(e => e.Value).ToHashSet();

    [Theory]
    [InlineData(Wmts)]
    [InlineData(Wms)]
    public async Task StalledLayerThatNeverOpened_IsLeftOut_TheOthersAreListedInTime(string url)
    {
        await using var host = await OgcTestHost.StartAsync();
        host.Registry.Stalled.Add("world");

        var (document, took) = await GetAsync(host, url);

        Assert.Contains("utm", LayerNames(document));
        Assert.DoesNotContain("world", LayerNames(document));
        Assert.True(took < OgcLayersWait + TimeSpan.FromSeconds(8), $"took {took}");

        host.Registry.Stalled.Clear();
        Assert.Contains("world", LayerNames((await GetAsync(host, url)).Document)); // the incomplete document was not kept
    }

    [Theory]
    [InlineData(Wmts)]
    [InlineData(Wms)]
    public async Task LayerThatStallsAfterOpening_IsDescribedAsLastOpened(string url)
    {
        await using var host = await OgcTestHost.StartAsync();
        var before = (await GetAsync(host, url)).Document;
        host.Registry.Stalled.Add("world");
        host.Registry.Layers = host.Registry.Layers.ToList(); // a new layer list: the cached documents are stale

        var (after, took) = await GetAsync(host, url);

        Assert.Equal(LayerNames(before), LayerNames(after));
        Assert.Contains("world", LayerNames(after));
        Assert.True(took < OgcLayersWait + TimeSpan.FromSeconds(8), $"took {took}");
    }

    private static TimeSpan OgcLayersWait => OgcTiler.Server.Ogc.Common.OgcLayers.CapabilitiesWait;
}
