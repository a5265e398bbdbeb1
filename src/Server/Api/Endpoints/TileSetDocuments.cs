using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// TiTiler's OGC API - Tiles tileset documents (JSON): <c>tiles</c> lists one tileset per TileMatrixSet, and
/// <c>tiles/{tileMatrixSetId}</c> describes one with its tile matrix limits over the source's zoom range, or
/// <c>minzoom</c>..<c>maxzoom</c> when given (TiTiler's parameters).
/// </summary>
internal static class TileSetDocuments
{
    public static async Task<IResult> ListAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var query = QueryString(context.Request);
        var box = BoundingBox(info.Wgs84Bounds, "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        return Results.Json(new Dictionary<string, object?>
        {
            ["tilesets"] = registry.All.Select(set => new Dictionary<string, object?>
            {
                ["title"] = $"tileset tiled using {set.Id} TileMatrixSet",
                ["dataType"] = "map",
                ["crs"] = set.CrsUri,
                ["boundingBox"] = box,
                ["links"] = new[]
                {
                    Link(Url(context.Request, resolver, $"tiles/{set.Id}") + query, "self", $"Tileset tiled using {set.Id} TileMatrixSet", "application/json"),
                    Link(Url(context.Request, resolver, $"tiles/{set.Id}/{{z}}/{{x}}/{{y}}") + query, "tile", "Templated link for retrieving Raster tiles"),
                },
            }).ToArray(),
        });
    }

    public static async Task<IResult> TileSetAsync(ISourceResolver resolver, string tms, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var set = registry.Get(tms);
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var (min, max) = ZoomLevels.Range(info, set, requests.Grids.Crs);
        var parameters = new Titiler.QueryReader(context.Request.Query);
        min = parameters.Int("minzoom", 0, set.Matrices.Count - 1) ?? min;
        max = parameters.Int("maxzoom", 0, set.Matrices.Count - 1) ?? max;
        var inSetCrs = BoundsTransform.Transform(info.NativeBounds, info.Crs, set.Crs.Id, requests.Grids.Crs);
        var query = QueryString(context.Request);
        var links = new List<Dictionary<string, object?>>
        {
            Link(Url(context.Request, resolver, $"tiles/{set.Id}"), "self", $"Tileset tiled using {set.Id} TileMatrixSet", "application/json"),
            Link(Url(context.Request, resolver, $"tiles/{set.Id}/{{z}}/{{x}}/{{y}}") + query, "tile", "Templated link for retrieving Raster tiles", templated: true),
        };
        if (set.Id == "WebMercatorQuad")
            links.Add(Link(Url(context.Request, resolver, $"{set.Id}/map.html") + query, "data", $"Map viewer for '{set.Id}' tileMatrixSet", "text/html"));
        return Results.Json(new Dictionary<string, object?>
        {
            ["title"] = $"tileset tiled using {set.Id} TileMatrixSet",
            ["dataType"] = "map",
            ["crs"] = set.CrsUri,
            ["boundingBox"] = BoundingBox(info.Wgs84Bounds, "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
            ["links"] = links,
            ["tileMatrixSetLimits"] = set.Matrices.Skip(min).Take(max - min + 1).Select(m => Limits(m, inSetCrs)).ToArray(),
        });
    }

    /// <summary>The rows and columns of a matrix whose tiles meet <paramref name="box"/> (in the set's CRS).</summary>
    private static Dictionary<string, object?> Limits(TileMatrix m, Bounds box)
    {
        static int Index(double position, int count) => (int)Math.Clamp(Math.Floor(position), 0, count - 1);
        var (top, bottom) = m.CornerOfOrigin == CornerOfOrigin.TopLeft
            ? ((m.OriginY - box.MaxY) / m.TileSpanY, (m.OriginY - box.MinY) / m.TileSpanY)
            : ((box.MinY - m.OriginY) / m.TileSpanY, (box.MaxY - m.OriginY) / m.TileSpanY);
        return new Dictionary<string, object?>
        {
            ["tileMatrix"] = m.Id,
            ["minTileRow"] = Index(top, m.MatrixHeight),
            ["maxTileRow"] = Index(bottom - 1e-9, m.MatrixHeight),
            ["minTileCol"] = Index((box.MinX - m.OriginX) / m.TileSpanX, m.MatrixWidth),
            ["maxTileCol"] = Index((box.MaxX - m.OriginX) / m.TileSpanX - 1e-9, m.MatrixWidth),
        };
    }

    private static Dictionary<string, object?> BoundingBox(Bounds b, string crs) => new()
    {
        ["lowerLeft"] = new[] { b.MinX, b.MinY },
        ["upperRight"] = new[] { b.MaxX, b.MaxY },
        ["crs"] = crs,
    };

    private static Dictionary<string, object?> Link(string href, string rel, string title, string? type = null, bool templated = false)
    {
        var link = new Dictionary<string, object?> { ["href"] = href, ["rel"] = rel, ["title"] = title };
        if (type is not null)
            link["type"] = type;
        if (templated)
            link["templated"] = true;
        return link;
    }

    private static string Url(HttpRequest request, ISourceResolver resolver, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/{resolver.Name}/{path}";

    private static string QueryString(HttpRequest request) => request.QueryString.Value ?? "";
}
