using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>
/// A loopback file server over a temporary folder holding <c>make_bench_items.py</c>'s STAC items and COGs, whose
/// hrefs point at this server: the "remote" scenes of the speed and mosaic read cases. <c>/search</c> is a STAC API
/// search answering every item in name order, whatever the body; every request is logged. <see cref="Latency"/> holds
/// each answer back as a cloud object store's first byte would be.
/// </summary>
public sealed class BenchItemServer : IAsyncDisposable
{
    private readonly WebApplication _files;
    private int _inFlight, _maxInFlight;

    private BenchItemServer(WebApplication files, string folder, string baseUrl)
    {
        _files = files;
        Folder = folder;
        Base = baseUrl;
    }

    public string Folder { get; }

    public string Base { get; }

    /// <summary>Every request: its path and Range header (empty when none).</summary>
    public ConcurrentQueue<(string Path, string Range)> Requests { get; } = new();

    /// <summary>Added to every request before it is answered (none by default).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most requests this server held at once since <see cref="ResetCounts"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void ResetCounts()
    {
        Requests.Clear();
        Volatile.Write(ref _maxInFlight, 0);
    }

    /// <param name="meeting">How many items share the first grid (the others each on their own, further east).</param>
    public static async Task<BenchItemServer> StartAsync(int items, int? meeting = null)
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-bench-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var files = builder.Build();
        BenchItemServer? server = null;
        files.Use(async (context, next) =>
        {
            server!.Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.Range.ToString()));
            await server.ServeLateAsync(next, context.RequestAborted);
        });
        files.MapMethods("/search", ["GET", "POST"], () => Results.Text(AllItems(folder).ToJsonString(), "application/geo+json"));
        files.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), ServeUnknownFileTypes = true });
        await files.StartAsync();
        var baseUrl = files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", RepoPaths.Data("api", "make_bench_items.py"), folder, items.ToString(), baseUrl,
            (meeting ?? items).ToString());
        server = new BenchItemServer(files, folder, baseUrl);
        return server;
    }

    private async Task ServeLateAsync(Func<Task> next, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max; max = MaxInFlight)
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        try
        {
            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency, cancellationToken);
            await next();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static JsonObject AllItems(string folder) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. Directory.GetFiles(folder, "item??.json").Order().Select(f => JsonNode.Parse(File.ReadAllText(f)))]),
        ["links"] = new JsonArray(),
    };

    public async ValueTask DisposeAsync()
    {
        await _files.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
