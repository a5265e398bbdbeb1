using System.Net;
using System.Text.Json;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Viewer;

/// <summary>
/// /layers/{id}/map.html: a Leaflet map of the layer's WebMercatorQuad tiles with controls for style, bands, expression,
/// rescale, colormap and color formula, its info, and the values under a click. Every script, style and image it loads
/// comes from this server (<see cref="ViewerAssets"/>); only the optional basemap is elsewhere.
/// </summary>
internal static class LayerViewer
{
    public static IResult Page(string id, LayerRegistry layers, ServerOptions options)
    {
        var layer = layers.Get(id);
        var title = WebUtility.HtmlEncode(layer.Title ?? layer.Id);
        // System.Text.Json escapes <, > and &, so the JSON cannot close its script element.
        var config = JsonSerializer.Serialize(new
        {
            layer = layer.Id,
            title = layer.Title ?? layer.Id,
            styles = LayerStyles.Names(layer),
            basemap = options.Viewer.BasemapUrl is { } url ? new { url, attribution = options.Viewer.BasemapAttribution ?? "" } : null,
        });
        return Results.Content(Template.Replace("{{title}}", title).Replace("{{config}}", config), "text/html; charset=utf-8");
    }

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}} · OgcTiler</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="../../viewer/leaflet/leaflet.css">
        <link rel="stylesheet" href="../../viewer/viewer.css">
        <script src="../../viewer/leaflet/leaflet.js"></script>
        </head><body>
        <div id="map"></div>
        <form id="panel" autocomplete="off">
          <h1>{{title}}</h1>
          <label>Style <select id="style"></select></label>
          <fieldset><legend>Bands (empty: the style's)</legend>
            <select id="band-r" title="red, or the single band"></select><select id="band-g" title="green"></select><select id="band-b" title="blue"></select>
          </fieldset>
          <label>Expression <input id="expression" placeholder="(b4-b3)/(b4+b3)"></label>
          <label>Rescale <input id="rescale" placeholder="0,3000 (one range per band: 0,3000 0,2000 ...)"></label>
          <label>Colormap <select id="colormap"><option value="">none</option></select></label>
          <img id="legend" alt="" hidden>
          <label>Color formula <input id="color-formula" placeholder="gamma rgb 1.5 sigmoidal rgb 10 0.35"></label>
          <button type="reset" id="reset">Reset to the style</button>
          <p id="status" role="status"></p>
          <details><summary>Tile URL</summary><code id="tile-url"></code></details>
          <details open><summary>Values at the last click</summary><div id="point">Click the map.</div></details>
          <details><summary>Layer info</summary><dl id="info"></dl></details>
        </form>
        <script id="viewer-config" type="application/json">{{config}}</script>
        <script src="../../viewer/viewer-kit.js"></script>
        <script src="../../viewer/viewer.js"></script>
        </body></html>
        """;
}
