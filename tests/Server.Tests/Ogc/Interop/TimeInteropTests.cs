using System.Security.Cryptography;
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
}
