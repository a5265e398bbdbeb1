using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace OgcTiler.Server.Operations;

/// <summary>What operators plug into: health probes, Prometheus metrics, the loaded plugins, the OpenAPI document and its reference page.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOgcTilerOperations(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PluginsReadyCheck>("plugins", tags: [ReadinessChecks.Tag])
            .AddCheck<SampleSourceReadyCheck>("sample-source", tags: [ReadinessChecks.Tag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ServerMetrics.MeterName, Raster.Io.RasterMetrics.MeterName, "System.Net.Http")
            .AddPrometheusExporter());
        services.AddOpenApi(options =>
        {
            ApiDocument.Configure(options);
            ApiParameters.Configure(options);
        });
        return services;
    }

    /// <summary>Tags every request's duration metric with the door it came through (before routing runs) and logs each request.</summary>
    public static WebApplication UseOgcTilerMetrics(this WebApplication app)
    {
        app.Use(ServerMetrics.TagDoor);
        app.UseMiddleware<RequestLog>();
        return app;
    }

    /// <summary>/healthz, /readyz, /metrics, /plugins, /api (OpenAPI 3 JSON) and /api.html (interactive reference).</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        var details = app.ServiceProvider.GetRequiredService<Configuration.ServerOptions>().Health.Details;
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = details ? ReadinessChecks.WriteDetails : ReadinessChecks.WriteStatus,
        }).ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
        app.MapGet("/plugins", PluginEndpoints.List).WithSummary("Loaded plugins, what each registered, and load failures");
        app.MapOpenApi(ApiDocument.Route).ExcludeFromDescription();
        app.MapScalarApiReference(ApiDocument.ReferencePage, options => options
            .WithTitle("OgcTiler API")
            .WithOpenApiRoutePattern(ApiDocument.Route)).ExcludeFromDescription();
        return app;
    }
}
