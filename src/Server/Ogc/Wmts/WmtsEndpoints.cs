namespace OgcTiler.Server.Ogc.Wmts;

public static class WmtsEndpoints
{
    public static IEndpointRouteBuilder MapWmtsEndpoints(this IEndpointRouteBuilder app) => app;
}
