using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// TiTiler's OGC API - Tiles tileset documents: <c>tiles</c> lists one tileset per TileMatrixSet, and
/// <c>tiles/{tileMatrixSetId}</c> describes one with its tile matrix limits over the source's zoom range, or
/// <c>minzoom</c>..<c>maxzoom</c> when given (TiTiler's parameters). JSON, or for <c>f=html</c> (or an Accept header
/// asking for text/html) the HTML page of TiTiler 2.x's tilesets.html and tileset.html templates.
/// </summary>
internal static class TileSetDocuments
{
    public static async Task<IResult> ListAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var query = LinkQuery(context.Request);
        var box = BoundingBox(Antimeridian.Wrap(info.Wgs84Bounds), "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        var tilesets = registry.All.Select(set => new Dictionary<string, object?>
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
            }).ToArray();
        if (Titiler.HtmlForms.Wanted(context.Request, context.Request.Query["f"]))
            return Titiler.HtmlForms.Page(context.Request, "TileSets", "<ul>" + string.Concat(tilesets.Select(t =>
                $"<li><a href=\"{HtmlHref(SelfHref(t))}\">{Titiler.HtmlForms.Escape((string)t["title"]!)}</a></li>")) + "</ul>");
        return Results.Json(new Dictionary<string, object?> { ["tilesets"] = tilesets });
    }

    public static async Task<IResult> TileSetAsync(ISourceResolver resolver, string tms, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var set = registry.Get(tms);
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var (min, max) = ZoomLevels.Range(info, set, requests.Grids.Crs);
        var parameters = new Titiler.QueryReader(context.Request.Query);
        min = parameters.Int("minzoom", 0, set.Matrices.Count - 1) ?? min;
        max = parameters.Int("maxzoom", 0, set.Matrices.Count - 1) ?? max;
        // A footprint across the antimeridian is projected side by side; its limits then span every column (TiTiler's
        // tms_limits of bounds with west > east).
        var inSetCrs = Antimeridian.Crosses(info.Wgs84Bounds)
            && BoundsProjector.ProjectParts(requests.Grids.Crs, info.Wgs84Bounds, set.Crs) is { Count: > 0 } parts
                ? parts
                : [BoundsTransform.Transform(info.NativeBounds, info.Crs, set.Crs.Id, requests.Grids.Crs)];
        var query = LinkQuery(context.Request);
        var links = new List<Dictionary<string, object?>>
        {
            Link(Url(context.Request, resolver, $"tiles/{set.Id}"), "self", $"Tileset tiled using {set.Id} TileMatrixSet", "application/json"),
            Link(Url(context.Request, resolver, $"tiles/{set.Id}/{{z}}/{{x}}/{{y}}") + query, "tile", "Templated link for retrieving Raster tiles", templated: true),
        };
        if (MapPage.CanDraw(set))
            links.Add(Link(Url(context.Request, resolver, $"{set.Id}/map.html") + query, "data", $"Map viewer for '{set.Id}' tileMatrixSet", "text/html"));
        var limits = set.Matrices.Skip(min).Take(max - min + 1).Select(m => Limits(m, inSetCrs)).ToArray();
        var title = $"tileset tiled using {set.Id} TileMatrixSet";
        if (Titiler.HtmlForms.Wanted(context.Request, context.Request.Query["f"]))
            return Titiler.HtmlForms.Page(context.Request, title, TileSetHtml(set, limits, links));
        return Results.Json(new Dictionary<string, object?>
        {
            ["title"] = title,
            ["dataType"] = "map",
            ["crs"] = set.CrsUri,
            ["boundingBox"] = BoundingBox(Antimeridian.Wrap(info.Wgs84Bounds), "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
            ["links"] = links,
            ["tileMatrixSetLimits"] = limits,
        });
    }

    /// <summary>tileset.html: the data type and CRS, a table of the limits, the links but self.</summary>
    private static string TileSetHtml(TileMatrixSet set, IEnumerable<Dictionary<string, object?>> limits, IEnumerable<Dictionary<string, object?>> links)
    {
        string[] columns = ["tileMatrix", "minTileRow", "maxTileRow", "minTileCol", "maxTileCol"];
        var rows = string.Concat(limits.Select(l => "<tr>" + string.Concat(columns.Select(c => $"<td>{l[c]}</td>")) + "</tr>"));
        var items = string.Concat(links.Where(l => (string)l["rel"]! != "self")
            .Select(l => $"<li><a href=\"{Titiler.HtmlForms.Escape((string)l["href"]!)}\">{Titiler.HtmlForms.Escape((string)l["title"]!)}</a></li>"));
        return $"<h2>Properties</h2><ul><li><strong>DataType:</strong> map</li><li><strong>CRS:</strong> {Titiler.HtmlForms.Escape(set.CrsUri)}</li></ul>" +
            "<h2>TileMatrixSet Limits</h2><table><tr><th>Level</th><th>minTileRow</th><th>maxTileRow</th><th>minTileCol</th><th>maxTileCol</th></tr>" + rows + "</table>" +
            $"<h2>Links</h2><ul>{items}</ul>";
    }

    private static string SelfHref(Dictionary<string, object?> tileset) => (string)((Dictionary<string, object?>[])tileset["links"]!)[0]["href"]!;

    /// <summary>A link of a JSON document as the link of its HTML page (f=html).</summary>
    private static string HtmlHref(string href) => Titiler.HtmlForms.Escape(href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "f=html");

    /// <summary>The rows and columns of a matrix whose tiles meet <paramref name="boxes"/> (in the set's CRS).</summary>
    private static Dictionary<string, object?> Limits(TileMatrix m, IReadOnlyList<Bounds> boxes)
    {
        var range = TileRange.Of(m, boxes);
        return new Dictionary<string, object?>
        {
            ["tileMatrix"] = m.Id,
            ["minTileRow"] = range.MinRow,
            ["maxTileRow"] = range.MaxRow,
            ["minTileCol"] = range.MinCol,
            ["maxTileCol"] = range.MaxCol,
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

    /// <summary>The request's query for the links, without <c>f</c> (the form of this document, not of theirs).</summary>
    private static string LinkQuery(HttpRequest request)
    {
        var pairs = (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => Uri.UnescapeDataString(pair.Split('=')[0]) != "f").ToArray();
        return pairs.Length == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
