using System.Net;
using System.Text.RegularExpressions;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Viewer;

/// <summary>
/// The one page of every map.html (the layer viewer; /cog, /stac and /searches/{id}): Leaflet, the map, the panel of
/// controls and the viewer's script, all from this server's /viewer files. What a viewer shows of its own comes in as
/// <see cref="Parts"/>.
/// </summary>
internal static partial class ViewerPage
{
    /// <summary>A viewer's parts of the page. Text is plain (encoded here); the controls are markup, "" for none.</summary>
    /// <param name="Title">the document's title.</param>
    /// <param name="Heading">the panel's heading (element <c>title</c>, which a script may rewrite).</param>
    /// <param name="StyleControl">controls above the bands.</param>
    /// <param name="BandsLegend">what the three band selects choose.</param>
    /// <param name="ExpressionExample">the expression field's placeholder.</param>
    /// <param name="RescaleControl">controls below the rescale field.</param>
    /// <param name="ResetControl">controls below the color formula.</param>
    /// <param name="InfoSummary">the heading of the info list.</param>
    /// <param name="Assets">the URL of the /viewer files, relative or under the path base.</param>
    /// <param name="MapScripts">the /viewer files the map needs besides Leaflet, loaded after it (proj4 for other CRSs).</param>
    /// <param name="Config">the viewer-config JSON; System.Text.Json escapes &lt;, &gt; and &amp;, so it cannot close its script element.</param>
    /// <param name="Script">the viewer's own script among the /viewer files, run after viewer-kit.js.</param>
    public sealed record Parts(
        string Title, string Heading, string StyleControl, string BandsLegend, string ExpressionExample, string RescaleControl,
        string ResetControl, string InfoSummary, string Assets, IReadOnlyList<string> MapScripts, string Config, string Script);

    public static string Html(Parts parts) => Placeholder().Replace(Template, m => m.Groups[1].Value switch
    {
        "title" => WebUtility.HtmlEncode(parts.Title),
        "heading" => WebUtility.HtmlEncode(parts.Heading),
        "style-control" => parts.StyleControl,
        "bands-legend" => WebUtility.HtmlEncode(parts.BandsLegend),
        "expression-example" => WebUtility.HtmlEncode(parts.ExpressionExample),
        "rescale-control" => parts.RescaleControl,
        "reset-control" => parts.ResetControl,
        "info-summary" => WebUtility.HtmlEncode(parts.InfoSummary),
        "assets" => WebUtility.HtmlEncode(parts.Assets),
        "map-scripts" => string.Concat(parts.MapScripts.Select(script => $"\n<script src=\"{WebUtility.HtmlEncode($"{parts.Assets}/{script}")}\"></script>")),
        "config" => parts.Config,
        "script" => WebUtility.HtmlEncode(parts.Script),
        var name => throw new InvalidOperationException($"the viewer page has no part '{name}'"),
    });

    /// <summary>The configured background map of the viewer-config, or null.</summary>
    public static object? Basemap(ViewerOptions viewer) =>
        viewer.BasemapUrl is { } url ? new { url, attribution = viewer.BasemapAttribution ?? "" } : null;

    [GeneratedRegex(@"\{\{([a-z-]+)\}\}")]
    private static partial Regex Placeholder();

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="{{assets}}/leaflet/leaflet.css">
        <link rel="stylesheet" href="{{assets}}/viewer.css">
        <script src="{{assets}}/leaflet/leaflet.js"></script>{{map-scripts}}
        </head><body>
        <div id="map"></div>
        <form id="panel" autocomplete="off">
          <h1 id="title">{{heading}}</h1>{{style-control}}
          <fieldset id="bands"><legend>{{bands-legend}}</legend>
            <select id="band-r" title="red, or the single band"></select><select id="band-g" title="green"></select><select id="band-b" title="blue"></select>
          </fieldset>
          <label>Expression <input id="expression" placeholder="{{expression-example}}"></label>
          <label>Rescale <input id="rescale" placeholder="0,3000 (one range per band: 0,3000 0,2000 ...)"></label>{{rescale-control}}
          <label>Colormap <select id="colormap"><option value="">none</option></select></label>
          <img id="legend" alt="" hidden>
          <label>Color formula <input id="color-formula" placeholder="gamma rgb 1.5 sigmoidal rgb 10 0.35"></label>{{reset-control}}
          <p id="status" role="status"></p>
          <details><summary>Tile URL</summary><code id="tile-url"></code></details>
          <details open><summary>Values at the last click</summary><div id="point">Click the map.</div></details>
          <details><summary>{{info-summary}}</summary><dl id="info"></dl></details>
        </form>
        <script id="viewer-config" type="application/json">{{config}}</script>
        <script src="{{assets}}/viewer-kit.js"></script>
        <script src="{{assets}}/{{script}}"></script>
        </body></html>
        """;
}
