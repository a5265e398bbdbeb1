using System.Text.Json;
using OgcTiler.Server.Api.Viewer;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The map.html viewer of /cog, /stac and /searches/{id}: the tilejson's tiles on a Leaflet map with controls for
/// bands (/cog) or assets (/stac), expression, rescale, colormap and color formula, the source's info and the values
/// under a click (point). Its script (viewer/tiler-viewer.js) and Leaflet are served by this server, on the page of
/// the layer viewer (<see cref="ViewerPage"/>); the configured basemap is shown only when its first tile loads.
/// </summary>
internal static class MapPage
{
    /// <param name="kind">"cog", "stac" or "search": which band controls and which info the page shows.</param>
    /// <param name="routeBase">the routes of the source, such as "/cog" or "/searches/{id}", under the path base.</param>
    public static string Html(string pathBase, string kind, string routeBase, ViewerOptions viewer)
    {
        var config = JsonSerializer.Serialize(new
        {
            kind,
            routes = pathBase + routeBase,
            colorMaps = pathBase + "/colorMaps",
            basemap = ViewerPage.Basemap(viewer),
        });
        return ViewerPage.Html(new ViewerPage.Parts(
            Title: "OgcTiler viewer",
            Heading: "OgcTiler viewer",
            StyleControl: "",
            BandsLegend: kind == "stac" ? "Assets (R, G, B or one for a colormap)" : "Bands (R, G, B or one for a colormap)",
            ExpressionExample: "(b2-b1)/(b2+b1)",
            RescaleControl: """<button type="button" id="rescale-statistics">Rescale to the 2nd–98th percentiles</button>""",
            ResetControl: "",
            InfoSummary: "Info",
            Assets: pathBase + "/viewer",
            Config: config,
            Script: "tiler-viewer.js"));
    }
}
