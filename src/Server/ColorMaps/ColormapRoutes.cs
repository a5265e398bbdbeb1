namespace OgcTiler.Server.ColorMaps;

public static class ColormapRoutes
{
    /// <summary>/colorMaps and /colorMaps/{name}.</summary>
    public static IEndpointRouteBuilder MapColormapEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/colorMaps", ColormapEndpoints.List).WithSummary("Names of the available colormaps");
        app.MapGet("/colorMaps/{name}", ColormapEndpoints.Get)
            .WithSummary("A colormap as a JSON table from \"0\" to \"255\", or a legend image (format=png|jpeg|webp, orientation, width, height)");
        return app;
    }
}
