using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Api.Viewer;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Layers;

/// <summary>/layers, /layers/{id}, /layers/{id}/map.html (and its /viewer files), /layers/{id}/tiles/{tms}/{z}/{x}/{y}.{format}, /tileMatrixSets.</summary>
public static class LayerEndpoints
{
    public static IEndpointRouteBuilder MapLayerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/layers", ListLayers);
        app.MapGet("/layers/{id}", DescribeLayerAsync);
        app.MapGet("/layers/{id}/map.html", LayerViewer.Page);
        app.MapViewerAssets();
        app.MapGet("/layers/{id}/tiles/{tms}/{z:int}/{x:int}/{y:int}.{format}", GetTileAsync);
        app.MapGet("/tileMatrixSets", TileMatrixSetEndpoints.List);
        app.MapGet("/tileMatrixSets/{id}", TileMatrixSetEndpoints.Get);
        return app;
    }

    private static IResult ListLayers(HttpRequest request, LayerRegistry layers) =>
        Results.Json(new { layers = layers.Layers.Select(l => LayerDocuments.Summary(request, l)) });

    private static async Task<IResult> DescribeLayerAsync(string id, HttpRequest request, LayerRegistry layers, CancellationToken cancellationToken)
    {
        var layer = layers.Get(id);
        var source = await layers.GetSourceAsync(layer, cancellationToken);
        return Results.Json(LayerDocuments.Details(request, layer, source.Info));
    }

    private static async Task<IResult> GetTileAsync(
        string id, string tms, int z, int x, int y, string format, HttpContext context,
        LayerRegistry layers, LayerTimes times, TileGrids grids, IRenderPipeline pipeline, TileCache cache, ServerOptions options)
    {
        var layer = layers.Get(id);
        var imageFormat = ImageFormats.ParseTileFormat(format);
        var style = context.Request.Query["style"].LastOrDefault();
        var overrides = RenderParameters.Parse(context.Request.Query);
        var renderOptions = LayerStyles.Resolve(layer, style).With(overrides);
        EnsureOffered(layer, tms, grids);
        var grid = grids.TileGrid(tms, z, x, y);
        var source = await layers.GetSourceAsync(layer, context.RequestAborted);
        var (read, timeKey) = times.ForRequest(layer, source, context.Request.Query["time"].LastOrDefault());
        var key = TileKey.ForLayer(layer.Id, grids.Registry.Get(tms).Id, z.ToString(CultureInfo.InvariantCulture), x, y, imageFormat, style, overrides, timeKey);
        var lookup = cache.Lookup(key, read.Version);
        if (TileResults.NotModified(context, lookup, options.Cache.Tiles.MaxAgeSeconds) is { } notModified)
            return notModified;
        var (tile, origin) = await cache.GetOrRenderAsync(lookup,
            ct => pipeline.RenderAsync(new RenderRequest(read, grid, renderOptions, imageFormat), ct), context.RequestAborted);
        return TileResults.Send(context, tile, origin, options.Cache.Tiles.MaxAgeSeconds);
    }

    private static void EnsureOffered(LayerDefinition layer, string tms, TileGrids grids)
    {
        var offered = layer.TileMatrixSets ?? grids.Ids;
        if (!offered.Contains(tms, StringComparer.OrdinalIgnoreCase))
            throw new ResourceNotFoundException($"layer '{layer.Id}' is not offered in tile matrix set '{tms}' (offered: {string.Join(", ", offered)})");
    }
}
