using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wms;

public static class WmsEndpoints
{
    /// <summary>GET (and HEAD) <c>/wms</c>: every WMS operation by KVP.</summary>
    public static IEndpointRouteBuilder MapWmsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/wms", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, WmsService wms) => wms.HandleAsync(http))
            .AddEndpointFilter<CorsHeaderFilter>();
        return app;
    }
}
