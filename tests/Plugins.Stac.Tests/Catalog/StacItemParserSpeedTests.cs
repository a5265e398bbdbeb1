using System.Diagnostics;
using System.Text.Json;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using Xunit.Abstractions;

namespace OgcTiler.Plugins.Stac.Tests.Catalog;

/// <summary>Bytes → StacItem for the complete Earth Search Sentinel-2 item (10 KB, 17 assets): median per item.</summary>
public sealed class StacItemParserSpeedTests(ITestOutputHelper output)
{
    [Fact]
    public void EarthSearchItem_ParsesInWellUnderAMillisecond()
    {
        var path = Fixtures.Published("earth-search-S2A_28QCH_20200714_0_L2A.json");
        var bytes = File.ReadAllBytes(path);
        // Warm up for a while so the runtime has tiered the parser up (tier-0 code is several times slower).
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 1500;)
            Parse(bytes, path);
        var medians = new double[7];
        for (var run = 0; run < medians.Length; run++)
        {
            const int n = 500;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
                Parse(bytes, path);
            medians[run] = sw.Elapsed.TotalMicroseconds / n;
        }
        Array.Sort(medians);
        output.WriteLine($"StacItemParser, {bytes.Length} B item with 17 assets: median of 7 runs {medians[3]:F1} µs per item (min {medians[0]:F1})");
        Assert.InRange(medians[3], 0, 1000);
    }

    private static StacItem Parse(byte[] bytes, string path)
    {
        using var document = JsonDocument.Parse(bytes);
        return StacItemParser.Parse(document.RootElement, path);
    }
}
