using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>WMTS 1.0.0 operations, KVP (<c>/wmts</c>) and RESTful (<c>/wmts/1.0.0/...</c>).</summary>
internal sealed class WmtsService(
    CapabilitiesCache cache,
    WmtsLayerSets sets,
    WmtsTileResolver resolver,
    IRenderPipeline pipeline,
    TileCache tiles,
    ServerOptions options,
    ServiceOptions service,
    TimeProvider clock,
    ILogger<WmtsService> logger)
{
    private const string Operations = "GetCapabilities, GetTile, GetFeatureInfo";

    public Task<IResult> HandleKvpAsync(HttpContext http) => ReportErrors(http, async ct =>
    {
        var kvp = OgcKvp.From(http.Request.Query);
        kvp.RequireService("WMTS", "Service");
        var request = kvp.Require("Request");
        if (request == "GetCapabilities")
        {
            if (kvp.Get("AcceptVersions") is { Length: > 0 } accepted && !accepted.Split(',').Contains("1.0.0"))
                throw new OgcException(OgcCodes.VersionNegotiationFailed, "AcceptVersions", $"AcceptVersions '{accepted}' does not list 1.0.0, the only version served");
            return await CapabilitiesAsync(http, kvp.Get("Time"), ct);
        }
        if (request is not ("GetTile" or "GetFeatureInfo"))
            throw OgcException.Invalid("Request", $"request '{request}' is not a WMTS operation (valid: {Operations})"); // ets-wmts10 Server.KVP.GET.InvalidRequest
        if (kvp.Require("Version") != "1.0.0")
            throw OgcException.Invalid("Version", $"WMTS version '{kvp.Get("Version")}' is not supported (valid: 1.0.0)");
        var tile = await resolver.ResolveAsync(kvp.Require("Layer"), kvp.Require("Style"), kvp.Require("TileMatrixSet"),
            kvp.Require("TileMatrix"), kvp.Require("TileRow"), kvp.Require("TileCol"), kvp.Get("Time"), StatusCodes.Status400BadRequest, ct);
        // GetFeatureInfo carries GetTile's parameters, Format included (WMTS 1.0.0 Table 26; ets-wmts10 GetFeatureInfo.Missing).
        var imageFormat = ParseFormat(kvp.Require("Format"), "Format");
        if (request == "GetTile")
            return await TileAsync(http, tile, imageFormat, ct);
        var info = kvp.Require("InfoFormat");
        var format = OgcFormats.FindInfo(info) ?? throw OgcException.Invalid("InfoFormat", $"InfoFormat '{info}' is not supported (valid: {OgcFormats.InfoNames})");
        return await FeatureInfoAsync(tile, kvp.Require("I"), kvp.Require("J"), format, ct);
    });

    public Task<IResult> HandleCapabilitiesAsync(HttpContext http) =>
        ReportErrors(http, ct => CapabilitiesAsync(http, OgcKvp.From(http.Request.Query).Get("Time"), ct));

    /// <param name="time">the <c>{Time}</c> segment of a time-enabled layer's template, or null.</param>
    public Task<IResult> HandleRestTileAsync(HttpContext http, string layer, string style, string? time, string set, string matrix, string row, string col, string extension) =>
        ReportErrors(http, async ct =>
        {
            var format = ImageFormats.FindPicture(extension)
                ?? throw new OgcException(OgcCodes.InvalidParameterValue, "Format", $"tile extension '{extension}' is not supported (valid: png, jpg, webp)", StatusCodes.Status404NotFound);
            var tile = await resolver.ResolveAsync(layer, style, set, matrix, row, col, time, StatusCodes.Status404NotFound, ct);
            return await TileAsync(http, tile, format, ct);
        });

    public Task<IResult> HandleRestFeatureInfoAsync(HttpContext http, string layer, string style, string? time, string set, string matrix, string row, string col, string j, string i, string extension) =>
        ReportErrors(http, async ct =>
        {
            var format = OgcFormats.FindInfoByExtension(extension)
                ?? throw new OgcException(OgcCodes.InvalidParameterValue, "InfoFormat", $"feature info extension '{extension}' is not supported (valid: json, csv, txt, html, xml)", StatusCodes.Status404NotFound);
            var tile = await resolver.ResolveAsync(layer, style, set, matrix, row, col, time, StatusCodes.Status404NotFound, ct);
            return await FeatureInfoAsync(tile, i, j, format, ct);
        });

    /// <param name="time">
    /// <c>Time</c> of the request: the <c>Default</c> of the time-enabled layers that have that value, for clients that
    /// read a layer at its default time only (GDAL's WMTS driver); such a document is written for the request.
    /// </param>
    private async Task<IResult> CapabilitiesAsync(HttpContext http, string? time, CancellationToken ct)
    {
        var baseUrl = OgcUrls.Base(http.Request);
        var bytes = string.IsNullOrEmpty(time)
            ? await cache.GetAsync("wmts/" + baseUrl, (all, sequence) => new WmtsCapabilitiesWriter(service, sets, baseUrl, null).Write(all, sequence), ct)
            : await cache.WriteAsync((all, sequence) =>
                new WmtsCapabilitiesWriter(service, sets, baseUrl, WmtsTimeDimension.Defaults(all, time, clock.GetUtcNow())).Write(all, sequence), ct);
        return BytesResult.Capabilities(bytes, "application/xml");
    }

    /// <summary>Through the tile cache, under the key the layer tile endpoint uses for the same picture.</summary>
    private async Task<IResult> TileAsync(HttpContext http, WmtsTile tile, ImageFormat format, CancellationToken ct)
    {
        var key = TileKey.ForLayer(tile.Layer.Id, tile.Set.Id, tile.Matrix.Id, tile.Col, tile.Row, format, tile.Style, overrides: null, tile.CacheParameters);
        var lookup = tiles.Lookup(key, tile.Layer.Source.Version);
        if (TileResults.NotModified(http, lookup, options.Cache.Tiles.MaxAgeSeconds) is { } notModified)
            return notModified;
        var (cached, origin) = await tiles.GetOrRenderAsync(lookup,
            c => pipeline.RenderAsync(new RenderRequest(tile.Layer.Source, tile.Grid, tile.Options, format), c), ct);
        return TileResults.Send(http, cached, origin, options.Cache.Tiles.MaxAgeSeconds);
    }

    private async Task<IResult> FeatureInfoAsync(WmtsTile tile, string i, string j, InfoFormat format, CancellationToken ct)
    {
        var x = Pixel(i, "I", tile.Matrix.TileWidth);
        var y = Pixel(j, "J", tile.Matrix.TileHeight);
        var point = await PointQuery.ReadAsync(pipeline, tile.Layer, tile.Options, tile.Grid, x, y, ct, tile.Time);
        return FeatureInfoWriter.ToResult(format, [point]);
    }

    private static ImageFormat ParseFormat(string value, string locator) =>
        OgcFormats.FindImage(value) ?? throw OgcException.Invalid(locator, $"Format '{value}' is not supported (valid: {OgcFormats.ImageNames})");

    private static int Pixel(string text, string name, int size) =>
        int.TryParse(text, out var value) && value >= 0 && value < size
            ? value
            : throw new OgcException(OgcCodes.PointIJOutOfRange, name, $"{name} '{text}' is not a pixel of the tile (0..{size - 1})");

    private async Task<IResult> ReportErrors(HttpContext http, Func<CancellationToken, Task<IResult>> handle)
    {
        try
        {
            return await handle(http.RequestAborted);
        }
        catch (Exception e) when (OgcErrors.IsReportable(e))
        {
            var error = OgcErrors.ToOgc(e);
            if (error.Status >= 500)
                logger.LogError(e, "WMTS request {Path}{Query} failed", http.Request.Path, http.Request.QueryString);
            return OwsExceptionReport.ToResult(error);
        }
    }
}
