namespace OgcTiler.Server.Ogc.Wms;

public static class WmsEndpoints
{
    public static IEndpointRouteBuilder MapWmsEndpoints(this IEndpointRouteBuilder app) => app;
}
