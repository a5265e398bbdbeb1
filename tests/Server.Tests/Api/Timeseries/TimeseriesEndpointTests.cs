using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Timeseries;

/// <summary>
/// <c>/stac/timeseries</c> over the loopback STAC API's three fixture items (item-a 2024-01-15, item-b 2024-04-14,
/// item-c 2024-07-23; assets B04 and B08, uint16, nodata 0), through the real server and plugins: the numbers equal
/// what the "Working with STAC at scale" notebook computes with numpy from each item's .npy, and what the fixtures'
/// own pixels give.
/// </summary>
public sealed class TimeseriesEndpointTests(TimeLayerServer host) : IClassFixture<TimeLayerServer>
{
    private const string Ndvi = "expression=(B08-B04)/(B08%2BB04)&asset_as_band=true";

    /// <summary>A triangle inside item-a's footprint that item-b (32 columns east) half meets.</summary>
    private const string Triangle = """{"type": "Polygon", "coordinates": [[[3.0005, 29.8250], [3.0060, 29.8252], [3.0030, 29.8300], [3.0005, 29.8250]]]}""";

    private static readonly string[] ItemIds = ["item-a", "item-b", "item-c"];

    /// <summary>The notebook's <c>_stats</c> (numpy masked array over the .npy's data with its last band as mask), per file.</summary>
    private const string NotebookStats = """
        import json, sys, numpy
        for path in sys.argv[1:]:
            a = numpy.load(path)
            data, mask = a[0:-1], a[-1]
            arr = numpy.ma.array(data)
            arr.mask = mask == 0
            print(json.dumps([arr.min().item(), arr.max().item(), arr.mean().item(), arr.std().item(), int(arr.count())]))
        """;

    private string Items => string.Join('&', ItemIds.Select(i => "url=" + Uri.EscapeDataString(ItemUrl(i))));

    private string ItemUrl(string id) => $"{host.Api.BaseUrl}/items/{id}/{id}.json";

    [Fact]
    public async Task FeatureSeries_EqualsTheNotebooksNumpyStatistics_OverEachItemsFeatureNpy()
    {
        var series = await PostJsonAsync($"/stac/timeseries?{Items}&group_by=item&width=32&height=32&{Ndvi}", Triangle);
        var folder = Directory.CreateTempSubdirectory("ogctiler-series-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var id in ItemIds)
            {
                using var npy = await host.Client.PostAsync($"/stac/feature/32x32.npy?url={Uri.EscapeDataString(ItemUrl(id))}&{Ndvi}", Body(Triangle));
                Assert.Equal(HttpStatusCode.OK, npy.StatusCode);
                files.Add(Path.Combine(folder, id + ".npy"));
                await File.WriteAllBytesAsync(files[^1], await npy.Content.ReadAsByteArrayAsync());
            }
            var numpy = (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", ["-c", NotebookStats, .. files]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<double[]>(l)!).ToArray();

            var dates = series.GetProperty("series").EnumerateArray().ToArray();
            Assert.Equal(["2024-01-15T08:44:29Z", "2024-04-14T08:42:51Z", "2024-07-23T08:44:19Z"], dates.Select(d => d.GetProperty("datetime").GetString()));
            for (var i = 0; i < ItemIds.Length; i++)
            {
                Assert.Equal([ItemIds[i]], dates[i].GetProperty("items").EnumerateArray().Select(e => e.GetString()));
                var stats = dates[i].GetProperty("statistics").GetProperty("b1");
                Assert.Equal(numpy[i][4], stats.GetProperty("count").GetDouble());
                Assert.True(numpy[i][4] > 100, $"{ItemIds[i]}: only {numpy[i][4]} valid pixels in the triangle");
                Assert.Equal(numpy[i][0], stats.GetProperty("min").GetDouble(), 1e-9);
                Assert.Equal(numpy[i][1], stats.GetProperty("max").GetDouble(), 1e-9);
                Assert.Equal(numpy[i][2], stats.GetProperty("mean").GetDouble(), 1e-9);
                Assert.Equal(numpy[i][3], stats.GetProperty("std").GetDouble(), 1e-9);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task BboxSeriesPerDay_EqualsTheStatisticsOfTheFixturePixels()
    {
        // item-a's own grid at its native 10 m: every output pixel is one source pixel of each item.
        var series = await GetJsonAsync($"/stac/timeseries?{Items}&bbox={TimeLayerServer.ItemBox}&coord_crs=EPSG:32631&p=10,50,90&{Ndvi}");

        Assert.Equal("day", series.GetProperty("group_by").GetString());
        var dates = series.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["2024-01-15", "2024-04-14", "2024-07-23"], dates.Select(d => d.GetProperty("datetime").GetString()));
        for (var i = 0; i < ItemIds.Length; i++)
        {
            var expected = FixtureNdvi(ItemIds[i], columnOffset: ItemIds[i] == "item-b" ? 32 : 0);
            var stats = dates[i].GetProperty("statistics").GetProperty("b1");
            Assert.True(dates[i].GetProperty("valid").GetBoolean());
            Assert.Equal(expected.Length, stats.GetProperty("count").GetDouble());
            Assert.Equal(Math.Round(100.0 * expected.Length / 4096, 2), stats.GetProperty("valid_percent").GetDouble());
            Assert.Equal(expected.Min(), stats.GetProperty("min").GetDouble(), 1e-6);
            Assert.Equal(expected.Max(), stats.GetProperty("max").GetDouble(), 1e-6);
            Assert.Equal(expected.Average(), stats.GetProperty("mean").GetDouble(), 1e-6);
            Assert.Equal(PopulationStd(expected), stats.GetProperty("std").GetDouble(), 1e-6);
            var sorted = expected.Order().ToArray();
            foreach (var p in new[] { 10, 50, 90 })
                Assert.Equal(sorted[(int)Math.Ceiling(p / 100.0 * sorted.Length) - 1], stats.GetProperty($"percentile_{p}").GetDouble(), 1e-6);
        }
    }

    [Fact]
    public async Task DatesWithoutAValidPixel_AreReportedAsSuch()
    {
        // Columns 0..3, rows 60..63: item-a's nodata wedge, west of item-b; item-c has data there.
        var series = await GetJsonAsync($"/stac/timeseries?{Items}&bbox=500000,3299360,500040,3299400&coord_crs=EPSG:32631&{Ndvi}");

        var dates = series.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal([false, false, true], dates.Select(d => d.GetProperty("valid").GetBoolean()));
        var empty = dates[0].GetProperty("statistics").GetProperty("b1");
        Assert.Equal(0, empty.GetProperty("count").GetDouble());
        Assert.Equal(0, empty.GetProperty("valid_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("mean").ValueKind);
        Assert.Equal(16, dates[2].GetProperty("statistics").GetProperty("b1").GetProperty("count").GetDouble());
    }

    [Fact]
    public async Task Csv_HasARowPerDate_WithEmptyCellsWhereThereIsNoData()
    {
        var csv = await host.Client.GetStringAsync($"/stac/timeseries.csv?{Items}&bbox=500000,3299360,500040,3299400&coord_crs=EPSG:32631&{Ndvi}");

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("datetime,items,band,min,max,mean,std,median,count,valid_pixels,masked_pixels,valid_percent,percentile_2,percentile_98", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("2024-01-15,item-a,b1,,,,,,0,0,16,0,,", rows[1]);
        Assert.StartsWith("2024-07-23,item-c,b1,", rows[3]);
        Assert.All(rows[3].Split(',').Skip(3), cell => Assert.NotEqual("", cell));
    }

    [Fact]
    public async Task Plots_ArePngAndSvgPictures_OfTheSeries()
    {
        var query = $"?{Items}&bbox={TimeLayerServer.ItemBox}&coord_crs=EPSG:32631&{Ndvi}";
        using var png = await host.Client.GetAsync("/stac/timeseries.png" + query);
        using var svg = await host.Client.GetAsync("/stac/timeseries.svg" + query);

        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
        var colours = Enumerable.Range(0, bitmap.Width * bitmap.Height).Select(i => bitmap.GetPixel(i % bitmap.Width, i / bitmap.Width)).ToHashSet();
        Assert.Contains(new SKColor(0x2c, 0xa0, 0x2c), colours); // the mean line
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await svg.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "line" || e.Name.LocalName == "path");
    }

    [Theory]
    [InlineData("/stac/timeseries?bbox=3,29.8,3.01,29.9", 422, "url: required")]
    [InlineData("/stac/timeseries?url=ITEM", 422, "bbox: required")]
    [InlineData("/stac/timeseries?url=ITEM&bbox=3,29.8,3.01", 422, "is not minx,miny,maxx,maxy")]
    [InlineData("/stac/timeseries?url=ITEM&bbox=3,29.8,3.01,29.9&group_by=week", 422, "group_by: 'week' is not day or item")]
    [InlineData("/stac/timeseries.gif?url=ITEM&bbox=3,29.8,3.01,29.9", 422, "format: 'gif'")]
    [InlineData("/stac/timeseries?url=ITEM&bbox=3,29.8,3.01,29.9&p=101", 422, "p: 101 is outside 0..100")]
    [InlineData("/stac/timeseries.png?url=ITEM&bbox=3,29.8,3.01,29.9&assets=B04&assets=B08", 422, "a plot shows one band")]
    [InlineData("/stac/timeseries?url=ITEM&bbox=3,29.8,3.01,29.9&expression=B04+%2B", 400, "expression")]
    [InlineData("/stac/timeseries?url=API/status/503&bbox=3,29.8,3.01,29.9&assets=B04", 424, "503")]
    public async Task BadRequests_GetTitilersStatus_AndSayWhatIsWrong(string path, int status, string message)
    {
        using var response = await host.Client.GetAsync(path.Replace("ITEM", Uri.EscapeDataString(ItemUrl("item-a"))).Replace("API", host.Api.BaseUrl));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    /// <summary>NDVI of the fixture pixels over item-a's 64×64 grid where the item has data; its grid starts <paramref name="columnOffset"/> columns east.</summary>
    private static float[] FixtureNdvi(string item, int columnOffset)
    {
        var red = File.ReadAllBytes(RepoPaths.Data("stac", "items", item, "B04.u16"));
        var nir = File.ReadAllBytes(RepoPaths.Data("stac", "items", item, "B08.u16"));
        var values = new List<float>();
        for (var row = 0; row < 64; row++)
        {
            for (var col = columnOffset; col < 64; col++)
            {
                var at = (row * 64 + col - columnOffset) * 2;
                float r = BitConverter.ToUInt16(red, at), n = BitConverter.ToUInt16(nir, at);
                if (r != 0 && n != 0)
                    values.Add((n - r) / (n + r));
            }
        }
        return [.. values];
    }

    private static double PopulationStd(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PostJsonAsync(string path, string body)
    {
        using var response = await host.Client.PostAsync(path, Body(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}
