using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace OgcTiler.Server.Operations;

/// <summary>Logs a warning with the route, status and duration of every request slower than <c>Health:SlowRequestMilliseconds</c>.</summary>
internal sealed class SlowRequests(RequestDelegate next, Configuration.ServerOptions options, ILogger<SlowRequests> logger)
{
    private readonly TimeSpan _threshold = TimeSpan.FromMilliseconds(options.Health.SlowRequestMilliseconds);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (_threshold > TimeSpan.Zero && elapsed > _threshold)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                logger.LogWarning("slow request: {Method} {Path}{Query} (route {Route}) answered {Status} in {Milliseconds:0} ms",
                    context.Request.Method, context.Request.Path, context.Request.QueryString, route, context.Response.StatusCode, elapsed.TotalMilliseconds);
            }
        }
    }
}
