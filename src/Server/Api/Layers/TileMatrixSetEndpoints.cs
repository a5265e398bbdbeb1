using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Layers;

/// <summary>/tileMatrixSets and /tileMatrixSets/{id}: the OGC API - Tiles list and the OGC TMS 2.0 JSON documents.</summary>
internal static class TileMatrixSetEndpoints
{
    private const string TilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    public static IResult List(HttpRequest request, TileGrids grids) => Results.Json(new
    {
        tileMatrixSets = grids.Registry.All.Select(set => new
        {
            id = set.Id,
            title = set.Title,
            uri = set.Uri,
            crs = set.CrsUri,
            links = new[] { new { rel = TilingSchemeRel, type = "application/json", title = $"{set.Id} definition", href = Href(request, set) } },
        }),
    });

    public static IResult Get(string id, TileGrids grids) =>
        Results.Content(grids.Registry.Get(id).ToJson(), "application/json");

    private static string Href(HttpRequest request, TileMatrixSet set) => $"{LayerDocuments.BaseUrl(request)}/tileMatrixSets/{set.Id}";
}
