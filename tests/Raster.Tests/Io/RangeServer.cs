using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OgcTiler.Raster.Tests.Io;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) serving files with Range support and ETags, counting what it is
/// asked for. Paths not registered give 404; <see cref="FailWith"/> makes every request fail with a status.
/// </summary>
internal sealed partial class RangeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = [];
    private readonly List<(long From, long To)> _ranges = [];
    private readonly List<string> _notFound = [];
    private readonly Task _loop;

    public RangeServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>The ETag of every answer; null for none.</summary>
    public string? ETag { get; set; } = "\"v1\"";

    public int? FailWith { get; set; }

    public bool IgnoreRange { get; set; }

    public int Requests { get { lock (_ranges) return _ranges.Count; } }

    public long BytesServed { get { lock (_ranges) return _ranges.Sum(r => r.To - r.From + 1); } }

    public IReadOnlyList<(long From, long To)> Ranges { get { lock (_ranges) return _ranges.ToList(); } }

    /// <summary>Paths of the requests answered 404 (not counted in <see cref="Requests"/>).</summary>
    public IReadOnlyList<string> NotFound { get { lock (_ranges) return _notFound.ToList(); } }

    public string Add(string name, byte[] content)
    {
        _files["/" + name] = content;
        return BaseUrl + name;
    }

    public void ResetCounts()
    {
        lock (_ranges)
        {
            _ranges.Clear();
            _notFound.Clear();
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Serve(context);
        }
    }

    private void Serve(HttpListenerContext context)
    {
        using var response = context.Response;
        if (FailWith is { } status || !_files.TryGetValue(context.Request.Url!.AbsolutePath, out var file))
        {
            response.StatusCode = FailWith ?? 404;
            if (FailWith is null)
                lock (_ranges)
                    _notFound.Add(context.Request.Url!.AbsolutePath);
            return;
        }
        var match = RangePattern().Match(context.Request.Headers["Range"] ?? "");
        var (from, to) = match.Success && !IgnoreRange ? (long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value)) : (0L, file.Length - 1L);
        if (from >= file.Length)
        {
            response.StatusCode = 416;
            response.AddHeader("Content-Range", $"bytes */{file.Length}");
            return;
        }
        to = Math.Min(to, file.Length - 1);
        lock (_ranges)
            _ranges.Add((from, to));
        if (ETag is not null)
            response.AddHeader("ETag", ETag);
        if (match.Success && !IgnoreRange)
        {
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {from}-{to}/{file.Length}");
        }
        response.ContentLength64 = to - from + 1;
        response.OutputStream.Write(file, (int)from, (int)(to - from + 1));
    }

    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
            return;
        // Close alone: after Stop, Close binds the port again to remove the prefix, and fails if another test took it.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    [GeneratedRegex(@"^bytes=(\d+)-(\d+)$")]
    private static partial Regex RangePattern();
}
