namespace OgcTiler.Server.Ogc.Wms;

public static class WmsEndpoints
{
    /// <summary><c>/wms</c>: every WMS operation by KVP.</summary>
    public static IEndpointRouteBuilder MapWmsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wms", (HttpContext http, WmsService wms) => wms.HandleAsync(http));
        return app;
    }
}
