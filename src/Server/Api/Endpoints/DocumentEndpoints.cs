using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary><c>info</c>, <c>info.geojson</c>, <c>assets</c>, <c>{tms}/tilejson.json</c> and <c>{tms}/map.html</c>.</summary>
internal static class DocumentEndpoints
{
    /// <summary>Query parameters that shape the tilejson itself and are not passed on to the tile URL.</summary>
    private static readonly HashSet<string> TileJsonOnly = new(StringComparer.OrdinalIgnoreCase) { "tile_format", "tile_scale", "tilesize", "minzoom", "maxzoom" };

    public static async Task<IResult> InfoAsync(ISourceResolver resolver, HttpContext context) =>
        Results.Json(await resolver.InfoAsync(new QueryReader(context.Request.Query), context.RequestAborted));

    public static async Task<IResult> InfoGeoJsonAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var query = new QueryReader(context.Request.Query);
        var info = await resolver.InfoAsync(query, context.RequestAborted);
        var source = await requests.OpenAsync(resolver, context.Request, context.RequestAborted);
        return Results.Json(InfoDocuments.Feature(source.Info.Wgs84Bounds, info, query.String("url")!), contentType: "application/geo+json");
    }

    /// <summary><c>bounds</c>: the source's footprint in <c>crs</c> (default WGS84), as TiTiler's /bounds.</summary>
    public static async Task<IResult> BoundsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var crsParameter = new QueryReader(context.Request.Query).String("crs");
        var registry = requests.Grids.Crs;
        if (crsParameter is not null && !registry.TryResolve(crsParameter, out _))
            throw new InvalidParameterException("crs", $"crs: unknown CRS '{crsParameter}'");
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var b = crsParameter is null ? info.Wgs84Bounds : Grids.BoundsTransform.Transform(info.NativeBounds, info.Crs, crsParameter, registry);
        return Results.Json(new Dictionary<string, object?>
        {
            ["bounds"] = new[] { b.MinX, b.MinY, b.MaxX, b.MaxY },
            ["crs"] = Grids.BoundsTransform.CrsUri(crsParameter ?? "OGC:CRS84"),
        });
    }

    public static async Task<IResult> AssetsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var source = await requests.OpenAsync(resolver, context.Request, context.RequestAborted);
        return Results.Json(new AssetBands(source.Info.BandNames).Names);
    }

    public static async Task<IResult> TileJsonAsync(ISourceResolver resolver, string tms, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var query = new QueryReader(context.Request.Query);
        var format = query.String("tile_format") is { } f ? OutputFormats.Parse(f, "tile_format").Extension : null;
        var scale = query.Int("tile_scale", 1, 4);
        var tileSize = query.Int("tilesize", 1, 4096);
        var set = registry.Get(tms);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var info = prepared.Source.Info;
        var (minZoom, maxZoom) = ZoomLevels.Range(info, set, requests.Grids.Crs);
        minZoom = query.Int("minzoom", 0, 30) ?? minZoom;
        maxZoom = query.Int("maxzoom", 0, 30) ?? maxZoom;
        var b = info.Wgs84Bounds;
        return Results.Json(new Dictionary<string, object?>
        {
            ["tilejson"] = "2.2.0",
            ["version"] = "1.0.0",
            ["scheme"] = "xyz",
            ["tiles"] = new[] { TileUrl(context.Request, resolver.Name, tms, format, scale, scale is null ? tileSize ?? 512 : tileSize) },
            ["minzoom"] = minZoom,
            ["maxzoom"] = maxZoom,
            ["bounds"] = new[] { b.MinX, b.MinY, b.MaxX, b.MaxY },
            ["center"] = new object[] { (b.MinX + b.MaxX) / 2, (b.MinY + b.MaxY) / 2, minZoom },
        });
    }

    /// <summary>WMTS capabilities of this request's tiles in one TileMatrixSet, zoom range from the source.</summary>
    public static async Task<IResult> WmtsCapabilitiesAsync(ISourceResolver resolver, string tms, HttpContext context, TilerRequests requests, TileMatrixSetRegistry registry)
    {
        var set = registry.Get(tms);
        var query = new QueryReader(context.Request.Query);
        var format = OutputFormats.Parse(query.String("tile_format") ?? "png", "tile_format");
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var info = prepared.Source.Info;
        var (minZoom, maxZoom) = ZoomLevels.Range(info, set, requests.Grids.Crs);
        var template = TileUrl(context.Request, resolver.Name, tms, format.Extension, null, null)
            .Replace("{z}", "{TileMatrix}").Replace("{x}", "{TileCol}").Replace("{y}", "{TileRow}");
        var xml = WmtsDocument.Build($"{resolver.Name}: {query.String("url")}", set, query.Int("minzoom", 0, 30) ?? minZoom,
            query.Int("maxzoom", 0, 30) ?? maxZoom, info.Wgs84Bounds, template, format.ContentType);
        return Results.Content(xml, "application/xml");
    }

    public static IResult MapViewer(ISourceResolver resolver, string tms, HttpContext context, TileGrids tileGrids)
    {
        if (tms != "WebMercatorQuad")
            throw new ResourceNotFoundException($"map.html shows WebMercatorQuad only (got '{tms}')");
        tileGrids.TileGrid(tms, 0, 0, 0);
        var query = context.Request.QueryString.Value ?? "";
        var separator = query.Length == 0 ? "?" : "&";
        var tileJson = $"{context.Request.PathBase}/{resolver.Name}/{tms}/tilejson.json{query}{separator}tilesize=256";
        return Results.Content(MapPage.Html(tileJson), "text/html; charset=utf-8");
    }

    /// <summary>
    /// 1.x <c>tile_scale</c> keeps the <c>@{scale}x</c> path; otherwise the 2.x <c>tilesize</c> query parameter
    /// (default 512 for tilejson, as TiTiler 2.x).
    /// </summary>
    private static string TileUrl(HttpRequest request, string prefix, string tms, string? format, int? scale, int? tileSize)
    {
        var path = $"{request.Scheme}://{request.Host}{request.PathBase}/{prefix}/tiles/{tms}/{{z}}/{{x}}/{{y}}"
            + (scale is { } s ? $"@{s}x" : "") + (format is null ? "" : "." + format);
        var parameters = request.Query.Where(p => !TileJsonOnly.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        if (tileSize is { } size)
            parameters.Add("tilesize=" + size.ToString(CultureInfo.InvariantCulture));
        return parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters);
    }
}
