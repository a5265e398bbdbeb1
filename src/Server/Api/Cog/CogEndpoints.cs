namespace OgcTiler.Server.Api.Cog;

public static class CogEndpoints
{
    public static IEndpointRouteBuilder MapCogEndpoints(this IEndpointRouteBuilder app) => app;
}
