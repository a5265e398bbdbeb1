using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Timeseries;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Stac;

public static class StacEndpoints
{
    /// <summary>/stac/...: TiTiler's STAC item routes (both asset dialects) plus /stac/assets.</summary>
    public static IEndpointRouteBuilder MapStacEndpoints(this IEndpointRouteBuilder app)
    {
        var resolver = app.ServiceProvider.GetRequiredService<StacSourceResolver>();
        var group = app.MapTiler(resolver);
        group.MapGet("/assets", (HttpContext c, TilerRequests r) => DocumentEndpoints.AssetsAsync(resolver, c, r));
        group.MapTimeseries(resolver);
        group.MapGet("/asset_statistics", (HttpContext c, TilerRequests r, IRenderPipeline p) => DataEndpoints.AssetStatisticsAsync(resolver, c, r, p));
        return app;
    }
}
