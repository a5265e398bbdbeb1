using System.Net;
using System.Text.Json;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The map.html viewer of /cog, /stac and /searches/{id}: the tilejson's tiles on a Leaflet map with controls for
/// bands (/cog) or assets (/stac), expression, rescale, colormap and color formula, the source's info and the values
/// under a click (point). Its script (viewer/tiler-viewer.js) and Leaflet are served by this server, as for the layer
/// viewer; the configured basemap is shown only when its first tile loads.
/// </summary>
internal static class MapPage
{
    /// <param name="kind">"cog", "stac" or "search": which band controls and which info the page shows.</param>
    /// <param name="routeBase">the routes of the source, such as "/cog" or "/searches/{id}", under the path base.</param>
    public static string Html(string pathBase, string kind, string routeBase, ViewerOptions viewer)
    {
        // System.Text.Json escapes <, > and &, so the JSON cannot close its script element.
        var config = JsonSerializer.Serialize(new
        {
            kind,
            routes = pathBase + routeBase,
            colorMaps = pathBase + "/colorMaps",
            basemap = viewer.BasemapUrl is { } url ? new { url, attribution = viewer.BasemapAttribution ?? "" } : null,
        });
        var assets = WebUtility.HtmlEncode(pathBase) + "/viewer";
        var bands = kind == "stac" ? "Assets (R, G, B or one for a colormap)" : "Bands (R, G, B or one for a colormap)";
        return Template.Replace("{{assets}}", assets).Replace("{{bands}}", bands).Replace("{{config}}", config);
    }

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>OgcTiler viewer</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="{{assets}}/leaflet/leaflet.css">
        <link rel="stylesheet" href="{{assets}}/viewer.css">
        <script src="{{assets}}/leaflet/leaflet.js"></script>
        </head><body>
        <div id="map"></div>
        <form id="panel" autocomplete="off">
          <h1 id="title">OgcTiler viewer</h1>
          <fieldset id="bands"><legend>{{bands}}</legend>
            <select id="band-r" title="red, or the single band"></select><select id="band-g" title="green"></select><select id="band-b" title="blue"></select>
          </fieldset>
          <label>Expression <input id="expression" placeholder="(b2-b1)/(b2+b1)"></label>
          <label>Rescale <input id="rescale" placeholder="0,3000 (one range per band: 0,3000 0,2000 ...)"></label>
          <button type="button" id="rescale-statistics">Rescale to the 2nd–98th percentiles</button>
          <label>Colormap <select id="colormap"><option value="">none</option></select></label>
          <img id="legend" alt="" hidden>
          <label>Color formula <input id="color-formula" placeholder="gamma rgb 1.5 sigmoidal rgb 10 0.35"></label>
          <p id="status" role="status"></p>
          <details><summary>Tile URL</summary><code id="tile-url"></code></details>
          <details open><summary>Values at the last click</summary><div id="point">Click the map.</div></details>
          <details><summary>Info</summary><dl id="info"></dl></details>
        </form>
        <script id="viewer-config" type="application/json">{{config}}</script>
        <script src="{{assets}}/viewer-kit.js"></script>
        <script src="{{assets}}/tiler-viewer.js"></script>
        </body></html>
        """;
}
