using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Sources;

namespace OgcTiler.Server.Api.Cog;

public static class CogEndpoints
{
    /// <summary>/cog/...: TiTiler's COG routes for <c>?url=</c> under the access policy.</summary>
    public static IEndpointRouteBuilder MapCogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTiler(app.ServiceProvider.GetRequiredService<CogSourceResolver>())
            .MapGet("/validate", CogValidateEndpoint.ValidateAsync);
        return app;
    }
}
