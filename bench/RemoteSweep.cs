using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;

namespace OgcTiler.Bench;

/// <summary>
/// Range requests and wall time of the load benchmark's tile list read twice in order from a "remote" COG: the file
/// served by an in-process HTTP handler (Range, ETag, 206) that holds each answer <c>LATENCY_MS</c> as a cloud store's
/// first byte would, with a small decoded-block cache and several sizes of the compressed-block cache. Run:
/// <c>dotnet run -c Release --project bench -- remote-sweep COG TILES_TXT DECODED_MB LATENCY_MS 0 16 32 64</c>.
/// </summary>
internal static class RemoteSweep
{
    public static async Task RunAsync(string cog, string tileList, int decodedMb, int latencyMs, IEnumerable<int> compressedSizesMb)
    {
        var grids = TileSweep.Grids(tileList);
        using var lookups = new LookupCounter("ogctiler.compressed_block_cache.lookups");
        Console.WriteLine($"{Path.GetFileName(cog)}, {grids.Count} tiles read twice in list order, decoded-block cache {decodedMb} MB, {latencyMs} ms per request");
        foreach (var compressedMb in compressedSizesMb)
        {
            var files = new LateFileHandler(cog, TimeSpan.FromMilliseconds(latencyMs));
            using var client = new HttpClient(files);
            using var opener = new RasterOpener(() => client, decodedMb, compressedMb);
            var dataset = await opener.OpenAsync("http://bench.invalid/" + Path.GetFileName(cog), default);
            int[] bands = [1];
            var line = $"compressed {compressedMb,4} MB:";
            for (var pass = 1; pass <= 2; pass++)
            {
                lookups.Reset();
                var (requests, bytes) = (files.Requests, files.Bytes);
                var wall = Stopwatch.StartNew();
                foreach (var grid in grids)
                    (await dataset.ReadAsync(grid, bands, ReadOptions.Default, default)).Dispose();
                line += $"  pass {pass}: {files.Requests - requests} requests, {(files.Bytes - bytes) / 1e6:F0} MB, {wall.Elapsed.TotalSeconds:F1} s" +
                    $" (compressed hits {lookups.Hits}, misses {lookups.Misses})";
            }
            Console.WriteLine(line);
        }
    }

    /// <summary>Answers range requests from a local file after a delay, counting them.</summary>
    private sealed class LateFileHandler(string path, TimeSpan latency) : HttpMessageHandler
    {
        private readonly byte[] _file = File.ReadAllBytes(path);
        private long _requests, _bytes;

        public long Requests => Interlocked.Read(ref _requests);

        public long Bytes => Interlocked.Read(ref _bytes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            var range = request.Headers.Range!.Ranges.Single();
            var from = range.From!.Value;
            var to = Math.Min(range.To!.Value, _file.Length - 1);
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _bytes, to - from + 1);
            var response = new HttpResponseMessage(HttpStatusCode.PartialContent)
            {
                Content = new ByteArrayContent(_file, (int)from, (int)(to - from + 1)),
            };
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, _file.Length);
            response.Headers.ETag = new EntityTagHeaderValue("\"bench\"");
            return response;
        }
    }
}
