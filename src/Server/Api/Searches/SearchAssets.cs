using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// titiler-pgstac's <c>assets</c> routes of a search: the items whose bbox meets a tile, a bbox or a point (in
/// <c>coord_crs</c>, default EPSG:4326), in search order, each as <c>{id, bbox, assets, collection}</c> (an asset
/// with its href, type, title and roles); <c>datetime</c> narrows the search as on the other routes. No assets
/// parameter is needed, and an area no item meets (or a search without items) is an empty list.
/// </summary>
internal static class SearchAssets
{
    public static async Task<IResult> ForTileAsync(RegisteredSearch search, string tms, int z, int x, int y, HttpContext context, SearchRegistry registry, TileGrids tiles, TilerRequests requests)
    {
        var tile = tiles.TileGrid(tms, z, x, y);
        return await ForAsync(search, requests.Grids.Wgs84(new Bounds(tile.MinX, tile.MinY, tile.MaxX, tile.MaxY), tile.Crs), context, registry);
    }

    public static async Task<IResult> ForBboxAsync(RegisteredSearch search, string coordinates, HttpContext context, SearchRegistry registry, TilerRequests requests)
    {
        var (bounds, _) = ImageEndpoints.ParseBbox(coordinates, formatRequired: false);
        return await ForAsync(search, requests.Grids.Wgs84(bounds, context.Request.Query["coord_crs"].LastOrDefault()), context, registry);
    }

    public static async Task<IResult> ForPointAsync(RegisteredSearch search, string coordinates, HttpContext context, SearchRegistry registry, TilerRequests requests)
    {
        var (lon, lat) = DataEndpoints.ParsePoint(coordinates);
        return await ForAsync(search, requests.Grids.Wgs84(new Bounds(lon, lat, lon, lat), context.Request.Query["coord_crs"].LastOrDefault()), context, registry);
    }

    private static async Task<IResult> ForAsync(RegisteredSearch search, Bounds wgs84, HttpContext context, SearchRegistry registry)
    {
        var items = await registry.ItemsMeetingAsync(search, SearchSourceResolver.TimeOptions(search, new QueryReader(context.Request.Query)), wgs84, context.RequestAborted);
        return Results.Json(items.Select(Json));
    }

    private static Dictionary<string, object?> Json(SourceItem item) => new()
    {
        ["id"] = item.Id,
        ["bbox"] = item.Bbox is { } b ? new[] { b.MinX, b.MinY, b.MaxX, b.MaxY } : null,
        ["assets"] = item.Assets.ToDictionary(a => a.Name, Json),
        ["collection"] = item.Collection,
    };

    private static Dictionary<string, object> Json(ItemAsset asset)
    {
        var json = new Dictionary<string, object> { ["href"] = asset.Href };
        if (asset.MediaType is { } type)
            json["type"] = type;
        if (asset.Title is { } title)
            json["title"] = title;
        if (asset.Roles.Count > 0)
            json["roles"] = asset.Roles;
        return json;
    }
}
