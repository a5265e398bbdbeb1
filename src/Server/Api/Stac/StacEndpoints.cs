namespace OgcTiler.Server.Api.Stac;

public static class StacEndpoints
{
    public static IEndpointRouteBuilder MapStacEndpoints(this IEndpointRouteBuilder app) => app;
}
