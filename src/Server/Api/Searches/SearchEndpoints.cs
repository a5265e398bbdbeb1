using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// titiler-pgstac's registered searches against any STAC API: <c>POST /searches/register</c>, <c>GET /searches/list</c>,
/// then under <c>/searches/{id}</c> the info, tiles, tilejson, WMTS capabilities, map viewer, point, bbox, feature and
/// statistics routes of /stac and the mosaic's assets of a tile, bbox or point; the same routes under
/// <c>/collections/{collection_id}</c> mosaic a collection of the configured STAC API (see <see cref="CollectionSearch"/>).
/// </summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/searches/register", RegisterAsync);
        app.MapGet("/searches", ListAsync);          // titiler-pgstac 2.x and later
        app.MapGet("/searches/list", ListAsync);     // titiler-pgstac 1.x, where the list links point
        MapMosaicRoutes(app.MapGroup("/searches/{searchId}"), MosaicRoutes.Searches);
        MapMosaicRoutes(app.MapGroup("/collections/{collectionId}"), MosaicRoutes.Collections);
        return app;
    }

    /// <summary>
    /// The routes of a mosaic under its prefix (titiler-pgstac's MosaicTilerFactory, included once for searches and
    /// once for collections): info, tiles, tilejson, WMTS capabilities, map viewer, point, bbox, feature, statistics,
    /// the items of a tile, bbox or point, and the time series.
    /// </summary>
    private static void MapMosaicRoutes(RouteGroupBuilder group, MosaicRoutes routes)
    {
        group.MapGet("/info", async (HttpContext c, CancellationToken ct) =>
            Results.Json(Info(c.Request, routes, await routes.FindAsync(c))));
        group.MapGet("/tiles/{tms}/{z:int}/{x:int}/{tile}", async (string tms, int z, int x, string tile, HttpContext c, SearchRegistry s,
            TilerRequests r, TileGrids g, IRenderPipeline p, TileCache cache, ServerOptions o) =>
            await TileEndpoint.HandleAsync(await ResolverAsync(routes, c, s), tms, z, x, tile, c, r, g, p, cache, o));
        group.MapGet("/{tms}/tilejson.json", async (string tms, HttpContext c, SearchRegistry s, TilerRequests r, TileMatrixSetRegistry t) =>
            await DocumentEndpoints.TileJsonAsync(await ResolverAsync(routes, c, s), tms, c, r, t));
        group.MapGet("/{tms}/WMTSCapabilities.xml", async (string tms, HttpContext c, SearchRegistry s, TilerRequests r,
            TileMatrixSetRegistry t, WmtsLayerSets w) => await DocumentEndpoints.WmtsCapabilitiesAsync(await ResolverAsync(routes, c, s), tms, c, r, t, w));
        group.MapGet("/{tms}/map.html", async (string tms, HttpContext c, SearchRegistry s, TileGrids g) =>
        {
            var resolver = await ResolverAsync(routes, c, s);
            SearchSourceResolver.RequestedAssets(new Titiler.QueryReader(c.Request.Query));
            return DocumentEndpoints.MapViewer(resolver, tms, c, g);
        });
        group.MapGet("/point/{coordinates}", async (string coordinates, HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p) =>
            await DataEndpoints.PointAsync(await ResolverAsync(routes, c, s), coordinates, c, r, p));
        group.MapGet("/bbox/{coordinates}", async (string coordinates, HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p,
            ServerOptions o) => await ImageEndpoints.BboxAsync(await ResolverAsync(routes, c, s), coordinates, null, c, r, p, o));
        group.MapGet("/bbox/{coordinates}/{size}", async (string coordinates, string size, HttpContext c, SearchRegistry s, TilerRequests r,
            IRenderPipeline p, ServerOptions o) => await ImageEndpoints.BboxAsync(await ResolverAsync(routes, c, s), coordinates, size, c, r, p, o));
        group.MapPost("/feature", async (HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p, ServerOptions o) =>
            await ImageEndpoints.FeatureAsync(await ResolverAsync(routes, c, s), null, null, c, r, p, o));
        group.MapPost("/feature.{format}", async (string format, HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p,
            ServerOptions o) => await ImageEndpoints.FeatureAsync(await ResolverAsync(routes, c, s), format, null, c, r, p, o));
        group.MapPost("/feature/{size}", async (string size, HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p,
            ServerOptions o) => await ImageEndpoints.FeatureAsync(await ResolverAsync(routes, c, s), null, size, c, r, p, o));
        group.MapPost("/statistics", async (HttpContext c, SearchRegistry s, TilerRequests r, IRenderPipeline p) =>
            await DataEndpoints.FeatureStatisticsAsync(await ResolverAsync(routes, c, s), c, r, p));
        group.MapGet("/tiles/{tms}/{z:int}/{x:int}/{y:int}/assets", async (string tms, int z, int x, int y, HttpContext c, SearchRegistry s,
            TileGrids g, TilerRequests r) => await SearchAssets.ForTileAsync(await routes.FindAsync(c), tms, z, x, y, c, s, g, r));
        group.MapGet("/bbox/{coordinates}/assets", async (string coordinates, HttpContext c, SearchRegistry s, TilerRequests r) =>
            await SearchAssets.ForBboxAsync(await routes.FindAsync(c), coordinates, c, s, r));
        group.MapGet("/point/{coordinates}/assets", async (string coordinates, HttpContext c, SearchRegistry s, TilerRequests r) =>
            await SearchAssets.ForPointAsync(await routes.FindAsync(c), coordinates, c, s, r));
        foreach (var pattern in (string[])["/timeseries", "/timeseries.{format}"])
            group.MapMethods(pattern, ["GET", "POST"], (string? format, HttpContext c, SearchRegistry s, Timeseries.SeriesReader r) => SeriesAsync(routes, format, c, s, r));
    }

    /// <summary>The time series of the search's items: its mosaic is one timed source whose parts are the items.</summary>
    private static async Task<IResult> SeriesAsync(MosaicRoutes routes, string? format, HttpContext context, SearchRegistry registry, Timeseries.SeriesReader reader)
    {
        var resolver = await ResolverAsync(routes, context, registry);
        return await Timeseries.TimeseriesEndpoints.HandleAsync(resolver, format, context, reader, ct => [OpenAsync(ct)]);

        async Task<Abstractions.Sources.ITimedSource> OpenAsync(CancellationToken ct) =>
            (Abstractions.Sources.ITimedSource)await resolver.OpenAsync(new Titiler.QueryReader(context.Request.Query), ct);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SearchRegistry registry)
    {
        var page = SearchList.Select(await registry.ListAsync(context.RequestAborted), context.Request.Query);
        return Results.Json(new
        {
            searches = page.Searches.Select(s => Info(context.Request, MosaicRoutes.Searches, s, listed: true)),
            links = SearchList.Links(context.Request, page),
            context = new { returned = page.Searches.Count, limit = page.Limit, matched = page.Matched },
        });
    }

    /// <summary><c>url</c> names the STAC API (its /search or landing page), by default <c>Searches:StacApi</c>.</summary>
    private static async Task<IResult> RegisterAsync(HttpContext context, SearchRegistry registry, ServerOptions options, IAccessPolicy policy)
    {
        var url = context.Request.Query["url"].LastOrDefault() is { Length: > 0 } given ? given : options.Searches.StacApi
            ?? throw new InvalidParameterException("url", "url: required (the STAC API to search; no Searches:StacApi is configured)");
        var (search, metadata) = await SearchRegistration.ReadAsync(context.Request.Body, context.RequestAborted);
        var registered = await registry.RegisterAsync(policy.EnsureAllowed(url), search, metadata, context.RequestAborted);
        return Results.Json(new { id = registered.Id, links = Links(context.Request, MosaicRoutes.Searches, registered) });
    }

    /// <summary>
    /// The search's resolver, with the request's query completed by the search's metadata: <c>minzoom</c>/<c>maxzoom</c>
    /// when the request gives none (titiler-pgstac's tilejson does the same).
    /// </summary>
    private static async Task<Sources.ISourceResolver> ResolverAsync(MosaicRoutes routes, HttpContext context, SearchRegistry registry)
    {
        var search = await routes.FindAsync(context);
        var query = context.Request.Query;
        var missing = ((string[])["minzoom", "maxzoom"]).Where(k => !query.ContainsKey(k) && search.Metadata[k] is JsonValue).ToList();
        if (missing.Count > 0)
        {
            var merged = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var key in missing)
                merged[key] = search.Metadata[key]!.ToString();
            context.Request.Query = new QueryCollection(merged);
        }
        return registry.Resolver(search, routes.Name(context));
    }

    /// <param name="listed">In <c>/searches/list</c>, whose searches link to their metadata and tilejson only (titiler-pgstac's).</param>
    private static object Info(HttpRequest request, MosaicRoutes routes, RegisteredSearch search, bool listed = false) => new
    {
        search = new { hash = search.Id, stac_api = search.StacApi, search = search.Search, metadata = search.Metadata },
        links = listed ? Links(request, routes, search).Take(2).ToList() : Links(request, routes, search),
    };

    /// <summary>metadata, tilejson, map and wmts links (titiler-pgstac's), then a tilejson link per layer of <c>metadata.defaults</c>.</summary>
    private static List<object> Links(HttpRequest request, MosaicRoutes routes, RegisteredSearch search)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/{routes.Prefix}/{Uri.EscapeDataString(routes.Segment(request.HttpContext, search))}";
        var links = new List<object>
        {
            new { rel = "metadata", title = "Mosaic metadata", href = $"{root}/info" },
            new { rel = "tilejson", title = "Link for TileJSON", href = $"{root}/WebMercatorQuad/tilejson.json" },
            new { rel = "map", title = "Link for Map viewer", href = $"{root}/WebMercatorQuad/map.html" },
            new { rel = "wmts", title = "Link for WMTS", href = $"{root}/WebMercatorQuad/WMTSCapabilities.xml" },
        };
        foreach (var (name, options) in search.Metadata["defaults"] as JsonObject ?? [])
        {
            links.Add(new
            {
                rel = "tilejson", title = $"TileJSON link for `{name}` layer",
                href = $"{root}/WebMercatorQuad/tilejson.json{QueryString(options as JsonObject ?? [])}",
            });
        }
        return links;
    }

    /// <summary>
    /// Render options as a query, as titiler-pgstac's <c>defaults_params</c>: arrays repeat their parameter
    /// (<c>assets=B04&amp;assets=B03</c>), a rescale pair is "min,max", an object (a colormap) is its JSON.
    /// </summary>
    private static string QueryString(JsonObject options)
    {
        var pairs = options.SelectMany(p => (p.Value is JsonArray a ? a.Select(Text) : [Text(p.Value)])
            .Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v)}")).ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);

        static string Text(JsonNode? value) => value switch
        {
            JsonArray pair => string.Join(',', pair.Select(v => v?.ToString())),
            JsonObject json => json.ToJsonString(),
            _ => value?.ToString() ?? "",
        };
    }
}
