using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OgcTiler.Raster;
using Xunit.Abstractions;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>
/// Issue 15's speed case: the time series of 20 scenes over a 64×64 AOI, computed as the "Working with STAC at scale"
/// notebook does (10 parallel <c>/stac/bbox/….npy</c> requests, statistics on the client) and by one
/// <c>/stac/timeseries</c> request, each on its own fresh server (cold caches) and then again (warm). Reports wall time
/// and range requests of both; asserts only that both give the same numbers and that the server reads no more.
/// </summary>
public sealed class TimeseriesSpeedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Items = 20;
    private const string Bbox = "3.01,45.12,3.03,45.135";
    private const string Expression = "expression=(B04-B03)/(B04%2BB03)&asset_as_band=true";
    private BenchItemServer? _items;

    public async Task InitializeAsync() => _items = await BenchItemServer.StartAsync(Items + 1);

    public async Task DisposeAsync()
    {
        if (_items is not null)
            await _items.DisposeAsync();
    }

    /// <param name="latencyMs">Each answer of the item server (STAC item, COG range) waits this long, as a remote store's round trip.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public async Task TwentyScenes_OneServerRequest_AgainstTheNotebookLoop(int latencyMs)
    {
        _items!.Latency = TimeSpan.FromMilliseconds(latencyMs);
        var (notebook, notebookCold, notebookWarm) = await MeasureAsync(NotebookLoopAsync);
        var (server, serverCold, serverWarm) = await MeasureAsync(ServerSeriesAsync);

        output.WriteLine($"{Items} scenes, 64×64 AOI, NDVI-like expression over 2 assets, upstream latency {latencyMs} ms. Notebook loop (10 parallel .npy + client stats): " +
            $"cold {notebookCold.Wall:F0} ms, {notebookCold.Requests} range requests; warm {notebookWarm.Wall:F0} ms, {notebookWarm.Requests}. " +
            $"/stac/timeseries: cold {serverCold.Wall:F0} ms, {serverCold.Requests} range requests; warm {serverWarm.Wall:F0} ms, {serverWarm.Requests}.");
        for (var i = 0; i < Items; i++)
        {
            for (var s = 0; s < 4; s++)
                Assert.Equal(notebook[i][s], server[i][s], 1e-9);
        }
        Assert.True(serverCold.Requests <= notebookCold.Requests, $"{serverCold.Requests} range requests against {notebookCold.Requests}");
    }

    private sealed record Run(double Wall, int Requests);

    /// <summary>A fresh server (cold engine caches), a warm-up on the extra item, then the measured run twice.</summary>
    private async Task<(double[][] Stats, Run Cold, Run Warm)> MeasureAsync(Func<HttpClient, Task<double[][]>> run)
    {
        var timing = new BboxNpySpeedTests.TimingHandler { InnerHandler = new SocketsHttpHandler() };
        using var engine = new RasterOpener(() => new HttpClient(timing, disposeHandler: false), 256);
        await using var server = new ServerFactory(BboxNpySpeedTests.EngineConfig(_items!.Base), engine, plugins: true);
        using var client = server.CreateClient();
        await GetAsync(client, NpyUrl(Items)); // JIT and plugin load, on an item not in the measured set
        timing.Reset();
        var wall = Stopwatch.StartNew();
        var stats = await run(client);
        var cold = new Run(wall.Elapsed.TotalMilliseconds, timing.Count);
        timing.Reset();
        wall.Restart();
        await run(client);
        return (stats, cold, new Run(wall.Elapsed.TotalMilliseconds, timing.Count));
    }

    private string ItemUrl(int i) => $"{_items!.Base}/item{i:00}.json";

    private string NpyUrl(int i) => $"/stac/bbox/{Bbox}/64x64.npy?url={Uri.EscapeDataString(ItemUrl(i))}&{Expression}";

    /// <summary>The notebook: 10 requests at a time, then min, max, mean, std over the pixels the mask keeps (numpy.ma).</summary>
    private async Task<double[][]> NotebookLoopAsync(HttpClient client)
    {
        var stats = new double[Items][];
        await Parallel.ForEachAsync(Enumerable.Range(0, Items), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (i, _) =>
        {
            var npy = NpyFile.Parse(await GetAsync(client, NpyUrl(i)));
            var pixels = npy.Shape[1] * npy.Shape[2];
            var valid = Enumerable.Range(0, pixels).Where(p => npy.Values[pixels + p] != 0).Select(p => (double)npy.Values[p]).ToArray();
            var mean = valid.Average();
            stats[i] = [valid.Min(), valid.Max(), mean, Math.Sqrt(valid.Average(v => (v - mean) * (v - mean)))];
        });
        return stats;
    }

    private async Task<double[][]> ServerSeriesAsync(HttpClient client)
    {
        var urls = string.Join('&', Enumerable.Range(0, Items).Select(i => "url=" + Uri.EscapeDataString(ItemUrl(i))));
        using var json = JsonDocument.Parse(await GetAsync(client, $"/stac/timeseries?{urls}&bbox={Bbox}&width=64&height=64&group_by=item&{Expression}"));
        return [.. json.RootElement.GetProperty("series").EnumerateArray().Select(d => d.GetProperty("statistics").GetProperty("b1"))
            .Select(s => new[] { s.GetProperty("min").GetDouble(), s.GetProperty("max").GetDouble(), s.GetProperty("mean").GetDouble(), s.GetProperty("std").GetDouble() })];
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }
}
