using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Viewer;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc.Wmts;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The map.html viewer of /cog, /stac and /searches/{id}: the tilejson's tiles on a Leaflet map with controls for
/// bands (/cog) or assets (/stac), expression, rescale, colormap and color formula, the source's info and the values
/// under a click (point). Its script (viewer/tiler-viewer.js) and Leaflet are served by this server, on the page of
/// the layer viewer (<see cref="ViewerPage"/>); the configured basemap is shown only when its first tile loads.
/// A TileMatrixSet other than WebMercatorQuad is drawn in its own CRS, as TiTiler's map.html does: proj4leaflet's
/// L.Proj.CRS of the set's CRS (its WKT, read by proj4), origin and cell sizes, without the basemap (a Web Mercator one).
/// </summary>
internal static class MapPage
{
    /// <param name="kind">"cog", "stac" or "search": which band controls and which info the page shows.</param>
    /// <param name="routeBase">the routes of the source, such as "/cog" or "/searches/{id}", under the path base.</param>
    /// <param name="set">the TileMatrixSet of the tiles shown.</param>
    public static string Html(string pathBase, string kind, string routeBase, TileMatrixSet set, ViewerOptions viewer)
    {
        var mercator = set.Id == "WebMercatorQuad";
        var config = JsonSerializer.Serialize(new
        {
            kind,
            routes = pathBase + routeBase,
            colorMaps = pathBase + "/colorMaps",
            basemap = mercator ? ViewerPage.Basemap(viewer) : null,
            tileMatrixSet = set.Id,
            projection = mercator ? null : Projection(set),
        });
        var assets = pathBase + "/viewer";
        return ViewerPage.Html(new ViewerPage.Parts(
            Title: "OgcTiler viewer",
            Heading: "OgcTiler viewer",
            StyleControl: "",
            BandsLegend: kind == "stac" ? "Assets (R, G, B or one for a colormap)" : "Bands (R, G, B or one for a colormap)",
            ExpressionExample: "(b2-b1)/(b2+b1)",
            RescaleControl: """<button type="button" id="rescale-statistics">Rescale to the 2nd–98th percentiles</button>""",
            ResetControl: "",
            InfoSummary: "Info",
            Assets: assets,
            MapScripts: mercator ? [] : ["proj4/proj4.js", "proj4leaflet/proj4leaflet.js"],
            Config: config,
            Script: "tiler-viewer.js"));
    }

    /// <summary>Whether the viewer can draw <paramref name="set"/>: matrices of one origin and tile size, regular grids.</summary>
    public static bool CanDraw(TileMatrixSet set)
    {
        var first = set.Matrices[0];
        return WmtsLayerSets.IsDescribable(set) && set.Matrices.All(m =>
            m.Bounds.MinX == first.Bounds.MinX && m.Bounds.MaxY == first.Bounds.MaxY && m.TileWidth == first.TileWidth && m.TileHeight == first.TileHeight);
    }

    /// <summary>
    /// What L.Proj.CRS needs of <paramref name="set"/>: the CRS as WKT, the matrices' common top-left corner, their
    /// cell sizes and the set's extent (x east, y north), and the tile size. A set whose matrices do not share one
    /// origin and tile size on a regular grid cannot be drawn so (404).
    /// </summary>
    private static object Projection(TileMatrixSet set)
    {
        if (!CanDraw(set))
            throw new ResourceNotFoundException($"map.html cannot draw TileMatrixSet '{set.Id}': its matrices do not share one origin and tile size on a regular grid");
        var first = set.Matrices[0];
        var bounds = set.Bounds;
        return new
        {
            wkt = set.Crs.Wkt ?? set.Crs.CoordinateSystem.WKT,
            origin = new[] { first.Bounds.MinX, first.Bounds.MaxY },
            resolutions = set.Matrices.Select(m => m.CellSize),
            bounds = new[] { bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY },
            tileSize = first.TileWidth,
        };
    }
}
