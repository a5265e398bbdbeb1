using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>The routes TiTiler's tiler factory offers, mapped once per source kind (/cog, /stac).</summary>
internal static class TilerRoutes
{
    public static RouteGroupBuilder MapTiler(this IEndpointRouteBuilder app, ISourceResolver resolver)
    {
        var group = app.MapGroup("/" + resolver.Name);
        group.MapGet("/bounds", (HttpContext c, TilerRequests r) => DocumentEndpoints.BoundsAsync(resolver, c, r));
        group.MapGet("/info", (Func<HttpContext, Task<IResult>>)(c => DocumentEndpoints.InfoAsync(resolver, c)));
        group.MapGet("/info.geojson", (HttpContext c, TilerRequests r) => DocumentEndpoints.InfoGeoJsonAsync(resolver, c, r));
        group.MapGet("/statistics", (HttpContext c, TilerRequests r, IRenderPipeline p) => DataEndpoints.StatisticsAsync(resolver, c, r, p));
        group.MapPost("/statistics", (HttpContext c, TilerRequests r, IRenderPipeline p) => DataEndpoints.FeatureStatisticsAsync(resolver, c, r, p));
        group.MapGet("/point/{coordinates}", (string coordinates, HttpContext c, TilerRequests r, IRenderPipeline p) =>
            DataEndpoints.PointAsync(resolver, coordinates, c, r, p));
        group.MapGet("/tiles", (HttpContext c, TilerRequests r, TileMatrixSetRegistry t) => TileSetDocuments.ListAsync(resolver, c, r, t));
        group.MapGet("/tiles/{tms}", (string tms, HttpContext c, TilerRequests r, TileMatrixSetRegistry t) => TileSetDocuments.TileSetAsync(resolver, tms, c, r, t));
        group.MapGet("/tiles/{tms}/{z:int}/{x:int}/{tile}", (string tms, int z, int x, string tile, HttpContext c, TilerRequests r,
            TileGrids g, IRenderPipeline p, TileCache cache, ServerOptions o) => TileEndpoint.HandleAsync(resolver, tms, z, x, tile, c, r, g, p, cache, o));
        group.MapGet("/{tms}/tilejson.json", (string tms, HttpContext c, TilerRequests r, TileMatrixSetRegistry t) => DocumentEndpoints.TileJsonAsync(resolver, tms, c, r, t));
        group.MapGet("/{tms}/WMTSCapabilities.xml", (string tms, HttpContext c, TilerRequests r, TileMatrixSetRegistry t, WmtsLayerSets w) =>
            DocumentEndpoints.WmtsCapabilitiesAsync(resolver, tms, c, r, t, w));
        group.MapGet("/WMTSCapabilities.xml", (HttpContext c, TilerRequests r, TileMatrixSetRegistry t, WmtsLayerSets w) =>
            DocumentEndpoints.WmtsCapabilitiesAsync(resolver, null, c, r, t, w));
        group.MapGet("/{tms}/map.html", (string tms, HttpContext c, TileGrids g) => DocumentEndpoints.MapViewer(resolver, tms, c, g));
        MapImages(group, resolver);
        return group;
    }

    private static void MapImages(RouteGroupBuilder group, ISourceResolver resolver)
    {
        group.MapGet("/map", (HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) => ImageEndpoints.MapAsync(resolver, c, r, p, o));
        group.MapGet("/preview", (HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) => ImageEndpoints.PreviewAsync(resolver, null, null, c, r, p, o));
        group.MapGet("/preview.{format}", (string format, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.PreviewAsync(resolver, format, null, c, r, p, o));
        group.MapGet("/preview/{size}", (string size, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.PreviewAsync(resolver, null, size, c, r, p, o));
        group.MapGet("/bbox/{coordinates}", (string coordinates, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.BboxAsync(resolver, coordinates, null, c, r, p, o));
        group.MapGet("/bbox/{coordinates}/{size}", (string coordinates, string size, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.BboxAsync(resolver, coordinates, size, c, r, p, o));
        group.MapPost("/feature", (HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) => ImageEndpoints.FeatureAsync(resolver, null, null, c, r, p, o));
        group.MapPost("/feature.{format}", (string format, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.FeatureAsync(resolver, format, null, c, r, p, o));
        group.MapPost("/feature/{size}", (string size, HttpContext c, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            ImageEndpoints.FeatureAsync(resolver, null, size, c, r, p, o));
    }
}
