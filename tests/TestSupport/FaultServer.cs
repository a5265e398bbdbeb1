using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OgcTiler.TestSupport;

/// <summary>
/// A misbehaving upstream on Kestrel at 127.0.0.1 (free port): one route per fault under <c>/cogs/</c>, each serving
/// (or failing to serve) the file it was given, with Range support where the fault leaves it. Counts the requests per
/// path. <see cref="Canary"/> is a second server on another port that should never be asked anything.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    /// <summary>The routes under <see cref="Prefix"/>, each named for what it does.</summary>
    public static readonly string[] Faults =
    [
        "ok.tif", "status-500.tif", "status-503.tif", "flaky-503.tif", "reset.tif", "truncated.tif", "wrong-range.tif",
        "no-range.tif", "stall.tif", "trickle.tif", "html.tif", "redirect-ok.tif", "redirect-other-port.tif",
        "redirect-outside.tif", "redirect-file.tif", "redirect-loop.tif",
    ];

    private readonly WebApplication _app;
    private readonly byte[] _file;
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly ConcurrentDictionary<string, int> _clientAborts = new();
    private readonly ConcurrentDictionary<string, byte[]> _extra = new();
    private readonly CancellationTokenSource _stopping = new();

    private FaultServer(WebApplication app, byte[] file)
    {
        _app = app;
        _file = file;
        app.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The URL prefix the faults live under, the one to allow: http://127.0.0.1:PORT/cogs/</summary>
    public string Prefix => BaseUrl + "cogs/";

    /// <summary>Where <c>redirect-other-port.tif</c> points: a server that must receive no request.</summary>
    public FaultServer? Canary { get; private set; }

    public int TotalRequests => _requests.Values.Sum();

    /// <summary>Bytes of the file <c>truncated.tif</c> has (half the file unless set).</summary>
    public int? TruncatedLength { get; set; }

    public string Url(string fault) => Prefix + fault;

    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Requests to <c>stall.tif</c> at <paramref name="path"/> that ended because the client closed the connection.</summary>
    public int ClientAborts(string path) => _clientAborts.GetValueOrDefault(path);

    /// <summary>Serves <paramref name="content"/> healthily at /cogs/<paramref name="name"/> and returns its URL.</summary>
    public string Add(string name, byte[] content)
    {
        _extra[name] = content;
        return Url(name);
    }

    /// <summary>Starts the server (and its canary, unless <paramref name="withCanary"/> is false) serving <paramref name="file"/>.</summary>
    public static async Task<FaultServer> StartAsync(byte[] file, bool withCanary = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FaultServer(builder.Build(), file);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First().TrimEnd('/') + "/";
        if (withCanary)
            server.Canary = await StartAsync(file, withCanary: false);
        return server;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var fault = path.StartsWith("/cogs/", StringComparison.Ordinal) ? path["/cogs/".Length..] : path.TrimStart('/');
        var response = context.Response;
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token).Token;
        switch (fault)
        {
            case "status-500.tif":
                response.StatusCode = 500;
                break;
            case "status-503.tif":
                response.StatusCode = 503;
                break;
            case "flaky-503.tif" when Requests(path) == 1:
                response.StatusCode = 503;
                break;
            case "reset.tif":
                await ServeRangeAsync(context, _file, cutAfter: 100);
                break;
            case "truncated.tif":
                await ServeRangeAsync(context, _file.AsMemory(0, TruncatedLength ?? _file.Length / 2).ToArray());
                break;
            case "wrong-range.tif":
                response.StatusCode = 206;
                response.ContentLength = 16;
                response.Headers.ContentRange = new ContentRangeHeaderValue(1000, 1015, _file.Length).ToString();
                await response.Body.WriteAsync(_file.AsMemory(1000, 16), aborted);
                break;
            case "no-range.tif":
                response.ContentLength = _file.Length;
                await response.Body.WriteAsync(_file, aborted);
                break;
            case "stall.tif":
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (context.RequestAborted.IsCancellationRequested)
                    _clientAborts.AddOrUpdate(path, 1, (_, n) => n + 1);
                break;
            case "trickle.tif":
                await TrickleAsync(response, aborted);
                break;
            case "html.tif":
                response.ContentType = "text/html";
                await response.WriteAsync("<html><body><h1>Welcome</h1><p>This is not a GeoTIFF.</p></body></html>", aborted);
                break;
            case "redirect-ok.tif":
                response.Redirect(Url("ok.tif"));
                break;
            case "redirect-other-port.tif":
                response.Redirect(Canary!.Url("ok.tif"));
                break;
            case "redirect-outside.tif":
                response.Redirect(BaseUrl + "outside/ok.tif");
                break;
            case "redirect-file.tif":
                response.Redirect("file:///etc/passwd");
                break;
            case "redirect-loop.tif":
                response.Redirect(Url("redirect-loop.tif") + "?hop=" + Requests(path));
                break;
            case "ok.tif" or "outside/ok.tif" or "flaky-503.tif":
                await ServeRangeAsync(context, _file);
                break;
            default:
                if (_extra.TryGetValue(fault, out var extra))
                    await ServeRangeAsync(context, extra);
                else
                    response.StatusCode = 404;
                break;
        }
    }

    /// <summary>The asked range with 206 (the whole file with 200 without Range); with <paramref name="cutAfter"/> the connection is reset after that many bytes.</summary>
    private static async Task ServeRangeAsync(HttpContext context, byte[] file, int? cutAfter = null)
    {
        var response = context.Response;
        var (from, to) = (0L, file.Length - 1L);
        if (RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.First() is { From: { } a } r)
        {
            if (a >= file.Length)
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = $"bytes */{file.Length}";
                return;
            }
            (from, to) = (a, Math.Min(r.To ?? file.Length - 1, file.Length - 1));
            response.StatusCode = 206;
            response.Headers.ContentRange = new ContentRangeHeaderValue(from, to, file.Length).ToString();
        }
        response.ContentLength = to - from + 1;
        var body = file.AsMemory((int)from, (int)(to - from + 1));
        if (cutAfter is { } cut && cut < body.Length)
        {
            await response.Body.WriteAsync(body[..cut]);
            await response.Body.FlushAsync();
            context.Abort();
            return;
        }
        await response.Body.WriteAsync(body);
    }

    /// <summary>Headers at once, then one byte every 200 ms.</summary>
    private async Task TrickleAsync(HttpResponse response, CancellationToken aborted)
    {
        response.StatusCode = 206;
        response.ContentLength = _file.Length;
        response.Headers.ContentRange = new ContentRangeHeaderValue(0, _file.Length - 1, _file.Length).ToString();
        await response.StartAsync(aborted);
        try
        {
            for (var i = 0; i < _file.Length && !aborted.IsCancellationRequested; i++)
            {
                await response.Body.WriteAsync(_file.AsMemory(i, 1), aborted);
                await response.Body.FlushAsync(aborted);
                await Task.Delay(200, aborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Canary is not null)
            await Canary.DisposeAsync();
        _stopping.Dispose();
    }
}
