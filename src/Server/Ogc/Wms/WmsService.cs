using OgcTiler.Raster.Crs;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>The WMS 1.3.0 / 1.1.1 KVP operations at <c>/wms</c>: GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic.</summary>
internal sealed class WmsService(
    OgcLayers layers,
    CapabilitiesCache cache,
    WmsMapParser parser,
    WmsMapRenderer renderer,
    IRenderPipeline pipeline,
    TileCache tiles,
    ServerOptions server,
    IPluginCatalog plugins,
    ImageEncoders encoders,
    MapFont font,
    CrsRegistry crs,
    ServiceOptions service,
    OgcOptions options,
    ILogger<WmsService> logger)
{
    private const string Operations = "GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic";

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var kvp = OgcKvp.From(http.Request.Query);
        var version = WmsVersion.V130;
        WmsErrorContext? picture = null;
        var ct = http.RequestAborted;
        try
        {
            if (kvp.Get("service") is { Length: > 0 })
                kvp.RequireService("WMS");
            var request = kvp.Require("request");
            var asked = WmsVersion.Asked(kvp);
            if (request == "GetCapabilities")
            {
                version = WmsVersion.Negotiate(asked);
                return await GetCapabilitiesAsync(kvp, version, OgcUrls.Base(http.Request), ct);
            }
            version = WmsVersion.ForRequest(asked);
            switch (request)
            {
                case "GetMap":
                    picture = WmsErrorContext.From(kvp, version);
                    WmsVersion.RequireGiven(asked);
                    var map = await parser.ParseAsync(kvp, version, requireFormat: true, ct);
                    return await MapAsync(http, map, ct);
                case "GetFeatureInfo":
                    WmsVersion.RequireGiven(asked);
                    return await GetFeatureInfoAsync(kvp, version, ct);
                case "GetLegendGraphic":
                    return await GetLegendGraphicAsync(kvp, ct);
                default:
                    throw OgcException.NotSupported(request, Operations);
            }
        }
        catch (Exception e) when (OgcErrors.IsReportable(e))
        {
            var error = OgcErrors.ToOgc(e);
            if (error.Status >= 500)
                logger.LogError(e, "WMS request {Query} failed", http.Request.QueryString);
            return picture is { Mode: not WmsExceptionMode.Xml, Format: { } format, Width: > 0, Height: > 0 } p
                && p.Width <= options.MaxWidth && p.Height <= options.MaxHeight
                ? ErrorPicture(error, p, format)
                : WmsExceptions.ToXmlResult(version, error);
        }
    }

    /// <summary>Through the tile cache, keyed by what the parsed request draws and the versions of its layers' sources.</summary>
    private async Task<IResult> MapAsync(HttpContext http, WmsMapRequest map, CancellationToken ct)
    {
        var lookup = tiles.Lookup(map.CacheKey(), string.Join(',', map.Layers.Select(l => l.Layer.Source.Version)));
        var maxAge = server.Cache.Tiles.MaxAgeSeconds;
        if (TileResults.NotModified(http, lookup, maxAge) is { } notModified)
            return notModified;
        var (image, origin) = await tiles.GetOrRenderAsync(lookup, c => renderer.RenderAsync(map, c), ct);
        if (map.Warning is { } warning)
            http.Response.Headers.Warning = warning;
        return TileResults.Send(http, image, origin, maxAge);
    }

    private async Task<IResult> GetCapabilitiesAsync(OgcKvp kvp, WmsVersion version, string baseUrl, CancellationToken ct)
    {
        CheckUpdateSequence(kvp.Get("updatesequence"), cache.UpdateSequence);
        var bytes = await cache.GetAsync($"wms/{version.Number}/{baseUrl}",
            (all, sequence) => new WmsCapabilitiesWriter(version, service, options, crs, baseUrl).Write(all, sequence), ct);
        return BytesResult.Capabilities(bytes, version.CapabilitiesContentType);
    }

    /// <summary>UPDATESEQUENCE equal to the current one: nothing changed; greater: the client is ahead of us.</summary>
    internal static void CheckUpdateSequence(string? value, long current)
    {
        if (string.IsNullOrEmpty(value))
            return;
        if (!long.TryParse(value, out var asked) || asked > current)
            throw new OgcException(OgcCodes.InvalidUpdateSequence, "updatesequence", $"UPDATESEQUENCE '{value}' is greater than the current value {current}");
        if (asked == current)
            throw new OgcException(OgcCodes.CurrentUpdateSequence, "updatesequence", $"UPDATESEQUENCE {current} is current: the capabilities have not changed");
    }

    private async Task<IResult> GetFeatureInfoAsync(OgcKvp kvp, WmsVersion version, CancellationToken ct)
    {
        var map = await parser.ParseAsync(kvp, version, requireFormat: false, ct);
        var infoText = kvp.Require("info_format");
        var format = OgcFormats.FindInfo(infoText)
            ?? throw new OgcException(OgcCodes.InvalidFormat, "info_format", $"INFO_FORMAT '{infoText}' is not supported (valid: {OgcFormats.InfoNames})");
        var i = ParsePoint(kvp, version.PointX, map.Grid.Width);
        var j = ParsePoint(kvp, version.PointY, map.Grid.Height);
        if (kvp.Get("feature_count") is { Length: > 0 } count && (!int.TryParse(count, out var n) || n < 1))
            throw OgcException.Invalid("feature_count", $"FEATURE_COUNT must be a positive integer, got '{count}'");
        var queried = kvp.Require("query_layers").Split(',').Select(name =>
            map.Layers.FirstOrDefault(l => l.Layer.Id == name)
            ?? throw new OgcException(OgcCodes.LayerNotDefined, "query_layers", $"QUERY_LAYERS names '{name}', which is not in LAYERS"));
        var points = await Task.WhenAll(queried.Select(l => PointQuery.ReadAsync(pipeline, l.Layer, l.Options, map.Grid, i, j, ct, l.Time)));
        return FeatureInfoWriter.ToResult(format, points);
    }

    private static int ParsePoint(OgcKvp kvp, string name, int size)
    {
        var text = kvp.Get(name);
        if (string.IsNullOrEmpty(text))
            throw OgcException.Missing(name);
        return int.TryParse(text, out var value) && value >= 0 && value < size
            ? value
            : throw new OgcException(OgcCodes.InvalidPoint, name, $"{name.ToUpperInvariant()} '{text}' is not a pixel column/row in 0..{size - 1}");
    }

    private async Task<IResult> GetLegendGraphicAsync(OgcKvp kvp, CancellationToken ct)
    {
        var name = kvp.Require("layer");
        var layer = await layers.FindAsync(name, ct) ?? throw new OgcException(OgcCodes.LayerNotDefined, "layer", $"layer '{name}' is not defined");
        var styleName = kvp.Get("style");
        var style = layer.FindStyle(styleName)
            ?? throw new OgcException(OgcCodes.StyleNotDefined, "style", $"layer '{layer.Id}' has no style '{styleName}' (styles: {string.Join(", ", layer.StyleNames)})");
        if (kvp.Get("format") is { Length: > 0 } format && format != WmsLegend.Format)
            throw new OgcException(OgcCodes.InvalidFormat, "format", $"legend FORMAT '{format}' is not supported (valid: {WmsLegend.Format})");
        var width = LegendSize(kvp, "width", WmsLegend.DefaultWidth);
        var height = LegendSize(kvp, "height", WmsLegend.DefaultHeight);
        using var legend = WmsLegend.Draw(style, layer.Info.BandNames, plugins.Colormaps, font.Typeface, width, height);
        return Encode(legend, WmsLegend.Picture);
    }

    private static int LegendSize(OgcKvp kvp, string name, int fallback)
    {
        if (kvp.Get(name) is not { Length: > 0 } text)
            return fallback;
        return int.TryParse(text, out var value) && value is >= 16 and <= 2048
            ? value
            : throw OgcException.Invalid(name, $"{name.ToUpperInvariant()} must be an integer in 16..2048, got '{text}'");
    }

    private IResult ErrorPicture(OgcException error, WmsErrorContext p, ImageFormat format)
    {
        var background = MapImages.Background(p.Background, p.Transparent && format != ImageFormat.Jpeg);
        using var image = p.Mode == WmsExceptionMode.Blank
            ? MapImages.Blank(p.Width, p.Height, background)
            : MapImages.Message(error.Message, font.Typeface, p.Width, p.Height, background);
        return Encode(image, format);
    }

    private BytesResult Encode(PixelImage image, ImageFormat format) => new(encoders.Get(format).Encode(image), format.ContentType);
}
