using System.Diagnostics;
using System.Net;
using OgcTiler.Raster;
using Xunit.Abstractions;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>
/// Issue 5's speed case, end to end: 20 STAC items served over loopback HTTP (Kestrel static files with Range),
/// each read as a 64×64 .npy bbox of three assets, 10 requests in parallel, through the real server and raster engine.
/// Reports total time and the split between range requests and the rest (parsing, set-up, decode, warp, encode).
/// </summary>
public sealed class BboxNpySpeedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Items = 20;
    private BenchItemServer? _items;

    public async Task InitializeAsync() => _items = await BenchItemServer.StartAsync(Items + 1);

    public async Task DisposeAsync()
    {
        if (_items is not null)
            await _items.DisposeAsync();
    }

    [Fact]
    public async Task TwentyItems_TenInParallel_AreRangeReadBound()
    {
        var timing = new TimingHandler { InnerHandler = new SocketsHttpHandler() };
        using var engine = new RasterOpener(() => new HttpClient(timing, disposeHandler: false), 256);
        await using var server = new ServerFactory(EngineConfig(_items!.Base), engine, plugins: true);
        using var client = server.CreateClient();
        string Url(int i) => $"/stac/bbox/3.01,45.12,3.03,45.135/64x64.npy?url={_items!.Base}/item{i:00}.json&assets=B04&assets=B03&assets=B02";

        await EnsureOkAsync(client, Url(Items)); // warm-up on an item not in the measured set (JIT, plugin load)
        timing.Reset();
        var cold = await RunAsync(client, Url);
        var (count, bytes, rangeMs) = (timing.Count, timing.Bytes, timing.TotalMilliseconds);
        timing.Reset();
        var warm = await RunAsync(client, Url); // headers and decoded blocks now cached: no range request, no decode
        output.WriteLine($"{Items} items × 3 assets, 64×64 npy, 10 parallel. Cold: wall {cold.Wall:F0} ms, mean latency {cold.MeanLatency:F1} ms, " +
            $"{count} range requests ({bytes / 1024} KiB, {rangeMs / Items:F1} ms per item summed over its parallel asset reads). " +
            $"Warm (cached headers and blocks): wall {warm.Wall:F0} ms, mean latency {warm.MeanLatency:F1} ms, {timing.Count} range requests. " +
            $"Range reads + decode = {100 * (cold.Wall - warm.Wall) / cold.Wall:F0}% of the cold wall time; parsing, set-up, warp and encoding the rest.");
        Assert.InRange(count, Items * 3, Items * 3 * 3); // header + coalesced blocks per asset
        Assert.Equal(0, timing.Count);
    }

    private async Task<(double Wall, double MeanLatency)> RunAsync(HttpClient client, Func<int, string> url)
    {
        var latencies = new double[Items];
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Items), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (i, ct) =>
        {
            var sw = Stopwatch.StartNew();
            var npy = NpyFile.Parse(await EnsureOkAsync(client, url(i)));
            latencies[i] = sw.Elapsed.TotalMilliseconds;
            Assert.Equal([4, 64, 64], npy.Shape); // three assets, then the mask
            Assert.All(npy.Values.Skip(3 * 64 * 64), m => Assert.Equal(255, m));
        });
        return (wall.Elapsed.TotalMilliseconds, latencies.Average());
    }

    private static async Task<byte[]> EnsureOkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    /// <summary>Times every range request the engine sends (headers and body read).</summary>
    internal sealed class TimingHandler : DelegatingHandler
    {
        private long _ticks;
        private int _count;
        private long _bytes;

        public int Count => _count;

        public long Bytes => _bytes;

        public double TotalMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

        public void Reset() => (_ticks, _count, _bytes) = (0, 0, 0);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(start).Ticks);
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _bytes, response.Content.Headers.ContentLength ?? 0);
            return response;
        }
    }

    /// <summary>A config allowing the loopback file server, for the real engine behind the policy.</summary>
    internal static string EngineConfig(string baseUrl) =>
        $$"""{ "Sources": { "AllowedRoots": [], "AllowedUrlPrefixes": ["{{baseUrl}}/"] }, "Layers": [] }""";
}
