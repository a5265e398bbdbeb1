using System.Globalization;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Layers;

/// <summary>
/// /tileMatrixSets and /tileMatrixSets/{id}: the OGC API - Tiles list and the OGC TMS 2.0 JSON documents, or their
/// HTML pages (<c>f=html</c> or an Accept header asking for text/html) with what TiTiler 2.x's tilematrixsets.html and
/// tilematrixset.html templates show.
/// </summary>
internal static class TileMatrixSetEndpoints
{
    private const string TilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    public static IResult List(HttpRequest request, string? f, TileGrids grids)
    {
        var sets = grids.Registry.All;
        if (HtmlForms.Wanted(request, f))
            return HtmlForms.Page(request, "TileMatrixSets", "<p>This API implements TileMatrixSets that are listed below.</p><ul>" +
                string.Concat(sets.Select(set => $"<li><a href=\"{HtmlForms.Escape(Href(request, set))}?f=html\">{HtmlForms.Escape(set.Id)}</a></li>")) + "</ul>");
        return Results.Json(new
        {
            tileMatrixSets = sets.Select(set => new
            {
                id = set.Id,
                title = set.Title,
                uri = set.Uri,
                crs = set.CrsUri,
                links = new[] { new { rel = TilingSchemeRel, type = "application/json", title = $"{set.Id} definition", href = Href(request, set) } },
            }),
        });
    }

    public static IResult Get(string id, HttpRequest request, string? f, TileGrids grids)
    {
        var set = grids.Registry.Get(id);
        if (!HtmlForms.Wanted(request, f))
            return Results.Content(set.ToJson(), "application/json");
        var (first, last) = (set.Matrices[0], set.Matrices[^1]);
        var (originFirst, originSecond) = set.TopLeftCorner(first);
        var items = new (string Key, string? Value)[]
        {
            ("title", set.Title),
            ("id", set.Id),
            ("uri", set.Uri),
            ("crs", set.CrsUri),
            ("wellKnownScaleSet", set.WellKnownScaleSet),
            ("Nb TileMatrices", set.Matrices.Count.ToString(CultureInfo.InvariantCulture)),
            ("Min level", first.Id),
            ("Max level", last.Id),
            ("Origin", string.Create(CultureInfo.InvariantCulture, $"[{originFirst}, {originSecond}]")),
            ("Tile size", string.Create(CultureInfo.InvariantCulture, $"[{first.TileWidth}, {first.TileHeight}]")),
        };
        return HtmlForms.Page(request, $"{set.Id} TileMatrixSet", "<ul>" + string.Concat(items
            .Where(item => item.Value is not null)
            .Select(item => $"<li><strong>{HtmlForms.Escape(item.Key)}:</strong> {HtmlForms.Escape(item.Value!)}</li>")) + "</ul>");
    }

    private static string Href(HttpRequest request, TileMatrixSet set) => $"{LayerDocuments.BaseUrl(request)}/tileMatrixSets/{set.Id}";
}
