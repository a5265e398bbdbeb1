using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.Features;

namespace OgcTiler.Server.Operations;

/// <summary>
/// The server's own instruments (meter <c>OgcTiler</c>) and the <c>ogctiler.door</c> tag added to ASP.NET Core's
/// <c>http.server.request.duration</c>, so request counts and durations can be told apart per door and status.
/// </summary>
public static class ServerMetrics
{
    public const string MeterName = "OgcTiler";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> PluginLoads = Meter.CreateCounter<long>("ogctiler.plugin.loads", description: "Plugin folders loaded or reloaded");

    public static readonly Counter<long> PluginFailures = Meter.CreateCounter<long>("ogctiler.plugin.failures", description: "Plugin folders that failed to load");

    public static readonly Counter<long> UpstreamRequests =
        Meter.CreateCounter<long>("ogctiler.upstream.requests", description: "Requests to upstream hosts (remote COGs, STAC), by host and status code");

    public static readonly Counter<long> UpstreamBytes =
        Meter.CreateCounter<long>("ogctiler.upstream.bytes", unit: "By", description: "Response bytes announced by upstream hosts, by host");

    public static readonly Histogram<double> RenderStage =
        Meter.CreateHistogram<double>("ogctiler.render.duration", unit: "s", description: "Time of each render stage: read (read and warp), compose, encode");

    /// <summary>Records the time since <paramref name="started"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) for a render stage.</summary>
    public static void RecordStage(string stage, long started) =>
        RenderStage.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    /// <summary>The first path segment that names a door, else <c>other</c>.</summary>
    public static string DoorOf(PathString path)
    {
        var value = path.Value ?? "";
        var end = value.IndexOf('/', 1);
        var first = end < 0 ? value.TrimStart('/') : value[1..end];
        return first.ToLowerInvariant() switch
        {
            "wmts" => "wmts",
            "wms" => "wms",
            "layers" => "layers",
            "cog" => "cog",
            "stac" => "stac",
            "tilematrixsets" or "colormaps" or "plugins" or "algorithms" => "metadata",
            _ => "other",
        };
    }

    internal static Task TagDoor(HttpContext context, RequestDelegate next)
    {
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("ogctiler.door", DoorOf(context.Request.Path)));
        return next(context);
    }
}
