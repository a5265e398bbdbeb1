using System.Globalization;
using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>Band statistics GDAL records in GDAL_METADATA (tests/data/api/make_dtype_cogs.py), as `gdalinfo -json` reports them.</summary>
public sealed class GdalStatisticsTests
{
    private static readonly string Cogs = RepoPaths.Data("api", "cogs");

    [Fact]
    public async Task Bands_CarryTheRecordedMinimumAndMaximum_AsGdalinfoReportsThem()
    {
        using var opener = new RasterOpener(new HttpClient(), 16);
        var dataset = await opener.OpenAsync(Path.Combine(Cogs, "i16-stats.tif"), CancellationToken.None);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cogs, "i16-stats.json")));

        var gdal = json.RootElement.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("metadata").GetProperty("")).ToArray();
        Assert.Equal(3, dataset.Info.BandCount);
        for (var b = 0; b < 3; b++)
        {
            var expected = (Number(gdal[b], "STATISTICS_MINIMUM"), Number(gdal[b], "STATISTICS_MAXIMUM"));
            Assert.Equal(expected, dataset.Info.Bands[b].Statistics);
        }
        Assert.NotEqual(dataset.Info.Bands[0].Statistics, dataset.Info.Bands[1].Statistics);
    }

    [Fact]
    public async Task Bands_WithoutRecordedStatistics_HaveNone()
    {
        using var opener = new RasterOpener(new HttpClient(), 16);
        var dataset = await opener.OpenAsync(Path.Combine(Cogs, "i16.tif"), CancellationToken.None);

        Assert.Null(dataset.Info.Bands[0].Statistics);
    }

    private static double Number(JsonElement metadata, string name) =>
        double.Parse(metadata.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
