using System.Text.Json;
using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// QGIS 3.22's temporal handling of the WMS-T layer "s2" over the loopback STAC API (items on 2024-01-15, 2024-04-14
/// and 2024-07-23): the layer as QGIS's browser makes it from the capabilities, rendered with the map's temporal
/// range set to one day (qgis_time_check.py), gives the server's GetMap picture of that TIME, and the dates' pictures
/// differ as the items do. (The WMTS Time dimension is read by QGIS from 3.26 on only.)
/// </summary>
public sealed class QgisTemporalInteropTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private static readonly string[] Dates = ["2024-01-15", "2024-04-14", "2024-07-23"];

    [Fact]
    public async Task Qgis_RendersTheDayOfItsTemporalRange_AsTheServersGetMapForThatTime()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Server.Tests", "Ogc", "Interop", "qgis_time_check.py");

        // where the three items overlap (item-b lies 320 m east of the others), in degrees
        var output = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", [script, host.BaseUrl, "s2", "3.0036,29.8249,3.0064,29.8302", .. Dates]);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var layer = lines[0];
        var uri = layer.GetProperty("uri").GetString()!;
        Assert.Contains("type=wmst", uri);
        Assert.Contains("timeDimensionExtent=2024-01-15,2024-04-14,2024-07-23", Uri.UnescapeDataString(uri));
        Assert.True(layer.GetProperty("temporal").GetBoolean(), uri);
        Assert.Equal(Dates, lines.Skip(1).Select(l => l.GetProperty("date").GetString()));
        foreach (var day in lines.Skip(1))
        {
            var date = day.GetProperty("date").GetString()!;
            // item-b holds 6 % nodata pixels; the rest of the box is data on every date
            Assert.True(day.GetProperty("drawn").GetDouble() > 0.85, $"{date}: {day}");
            var diff = day.GetProperty("diff");
            Assert.True(diff.GetProperty(date).GetDouble() < 1.5, $"{date}: QGIS's picture is not the server's for TIME={date}: {day}");
            foreach (var other in Dates.Where(d => d != date))
                Assert.True(diff.GetProperty(other).GetDouble() > 5, $"{date}: QGIS's picture is also the one of {other}: {day}");
        }
    }
}
