using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// /layers/{id}/point/{lon},{lat}: the layer's values at a WGS84 point after its style's (or the query's) bands or
/// expression, before rescale, as TiTiler's point answer: coordinates, values (null where masked) and band names.
/// </summary>
internal static class LayerPoint
{
    public static IEndpointRouteBuilder MapLayerPoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/layers/{id}/point/{coordinates}", GetAsync);
        return app;
    }

    public static async Task<IResult> GetAsync(string id, string coordinates, HttpContext context, LayerRegistry layers, GridBuilder grids, IRenderPipeline pipeline)
    {
        var layer = layers.Get(id);
        var (lon, lat) = DataEndpoints.ParsePoint(coordinates);
        var options = LayerStyles.Resolve(layer, context.Request.Query["style"].LastOrDefault()).With(RenderParameters.Parse(context.Request.Query));
        var source = await layers.GetSourceAsync(layer, context.RequestAborted);
        var grid = grids.Point(source.Info, lon, lat, null, options.Nodata)
            ?? throw new ResourceNotFoundException($"point outside bounds: ({lon}, {lat}) is not inside layer '{layer.Id}'");
        using var data = await pipeline.ReadAsync(new RenderRequest(source, grid, options, ImageFormat.Npy), context.RequestAborted);
        return Results.Json(new
        {
            coordinates = new[] { lon, lat },
            values = DataEndpoints.PointValues(data),
            band_names = data.BandNames.ToArray(),
        });
    }
}
