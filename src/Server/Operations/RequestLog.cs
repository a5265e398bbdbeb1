using System.Diagnostics;

namespace OgcTiler.Server.Operations;

/// <summary>
/// One structured log line per request (category <c>OgcTiler.Server.Operations.RequestLog</c>, Information): method,
/// path, route, door, status and duration; a warning instead when it took longer than <c>Health:SlowRequestMilliseconds</c>.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, Configuration.ServerOptions options, ILogger<RequestLog> logger)
{
    private readonly TimeSpan _slow = TimeSpan.FromMilliseconds(options.Health.SlowRequestMilliseconds);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Write(context, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Write(HttpContext context, TimeSpan elapsed)
    {
        var slow = _slow > TimeSpan.Zero && elapsed > _slow;
        if (!logger.IsEnabled(slow ? LogLevel.Warning : LogLevel.Information))
            return;
        var request = context.Request;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        var door = ServerMetrics.DoorOf(request.Path);
        var status = context.Response.StatusCode;
        if (slow)
            Slow(logger, request.Method, request.Path, request.QueryString, route, door, status, elapsed.TotalMilliseconds);
        else
            Answered(logger, request.Method, request.Path, request.QueryString, route, door, status, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(1, LogLevel.Information, "{Method} {Path}{Query} (route {Route}, door {Door}) answered {Status} in {Milliseconds:0.0} ms")]
    private static partial void Answered(ILogger logger, string method, PathString path, QueryString query, string route, string door, int status, double milliseconds);

    [LoggerMessage(2, LogLevel.Warning, "slow request: {Method} {Path}{Query} (route {Route}, door {Door}) answered {Status} in {Milliseconds:0.0} ms")]
    private static partial void Slow(ILogger logger, string method, PathString path, QueryString query, string route, string door, int status, double milliseconds);
}
