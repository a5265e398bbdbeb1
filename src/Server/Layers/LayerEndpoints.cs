namespace OgcTiler.Server.Layers;

public static class LayerEndpoints
{
    public static IEndpointRouteBuilder MapLayerEndpoints(this IEndpointRouteBuilder app) => app;
}
