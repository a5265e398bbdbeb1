using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Operations;

/// <summary>The checks behind <c>/readyz</c> and how their result is written.</summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready";

    /// <summary>The status word only (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>), as the framework writes it.</summary>
    public static Task WriteStatus(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(report.Status.ToString());
    }

    /// <summary>Each check's status, description and duration as JSON (<c>Health:Details</c> = true).</summary>
    public static Task WriteDetails(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>
/// Every configured layer's source type has a provider that takes its options; plugin folders that failed to load make
/// it degraded.
/// </summary>
internal sealed class PluginsReadyCheck(LayerRegistry layers, PluginCatalog plugins) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = ((IPluginCatalog)plugins).MissingSourceTypes(layers.Layers.Select(l => l.Source.Type));
        if (missing.Count > 0)
            return Task.FromResult(HealthCheckResult.Unhealthy($"no provider for source type(s) {string.Join(", ", missing)}"));
        var options = layers.SourceOptionErrors();
        if (options.Count > 0)
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join("; ", options)));
        var failures = plugins.Snapshot.Failures;
        if (failures.Count > 0)
            return Task.FromResult(HealthCheckResult.Degraded($"plugin folder(s) failed to load: {string.Join(", ", failures.Keys)}"));
        return Task.FromResult(HealthCheckResult.Healthy($"{plugins.Snapshot.Plugins.Count} plugin(s) loaded"));
    }
}

/// <summary>The first configured layer's source opens within a few seconds (no layers: nothing to check).</summary>
internal sealed class SampleSourceReadyCheck(LayerRegistry layers) : IHealthCheck
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (layers.Layers.Count == 0)
            return HealthCheckResult.Healthy("no layers configured");
        var layer = layers.Layers[0];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        try
        {
            await layers.GetSourceAsync(layer, timeout.Token);
            return HealthCheckResult.Healthy($"layer '{layer.Id}' is readable");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"layer '{layer.Id}' did not open within {Bound.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"layer '{layer.Id}' is not readable: {e.Message}");
        }
    }
}
