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
        var title = layer.Title ?? layer.Id;
        var config = JsonSerializer.Serialize(new
        {
            layer = layer.Id,
            title,
            styles = LayerStyles.Names(layer),
            basemap = ViewerPage.Basemap(options.Viewer),
        });
        var page = ViewerPage.Html(new ViewerPage.Parts(
            Title: title + " · OgcTiler",
            Heading: title,
            StyleControl: """<label>Style <select id="style"></select></label>""",
            BandsLegend: "Bands (empty: the style's)",
            ExpressionExample: "(b4-b3)/(b4+b3)",
            RescaleControl: "",
            ResetControl: """<button type="reset" id="reset">Reset to the style</button>""",
            InfoSummary: "Layer info",
            Assets: "../../viewer",
            MapScripts: [],
            Config: config,
            Script: "viewer.js"));
        return Results.Content(page, "text/html; charset=utf-8");
    }
}
