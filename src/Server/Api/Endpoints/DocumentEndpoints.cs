using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Ogc.Wmts;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary><c>info</c>, <c>info.geojson</c>, <c>assets</c>, <c>{tms}/tilejson.json</c> and <c>{tms}/map.html</c>.</summary>
internal static class DocumentEndpoints
{
    /// <summary>Query parameters that shape the tilejson or WMTS document itself and are not passed on to the tile URL.</summary>
    private static readonly HashSet<string> TileJsonOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "tile_format", "tile_scale", "tilesize", "minzoom", "maxzoom", "use_epsg",
        "service", "request", "acceptversions", "sections", "updatesequence", "acceptformats",
    };

    public static async Task<IResult> InfoAsync(ISourceResolver resolver, HttpContext context) =>
        Results.Json(await resolver.InfoAsync(new QueryReader(context.Request.Query), context.RequestAborted));

    public static async Task<IResult> InfoGeoJsonAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var query = new QueryReader(context.Request.Query);
        var info = await resolver.InfoAsync(query, context.RequestAborted);
        var source = await requests.OpenAsync(resolver, context.Request, context.RequestAborted);
        return Results.Json(InfoDocuments.Feature(Antimeridian.Wrap(source.Info.Wgs84Bounds), info, query.String("url")!), contentType: "application/geo+json");
    }

    /// <summary>
    /// <c>bounds</c>: the source's footprint in <c>crs</c> (default WGS84), as TiTiler's /bounds; in a geographic CRS
    /// west &gt; east when it crosses the antimeridian, as rio-tiler's get_geographic_bounds.
    /// </summary>
    public static async Task<IResult> BoundsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var crsParameter = new QueryReader(context.Request.Query).String("crs") is { } text ? Grids.CrsText.ToEpsg(text) : null;
        var registry = requests.Grids.Crs;
        if (crsParameter is not null && !registry.TryResolve(crsParameter, out _, out var error))
            throw new InvalidParameterException("crs", $"crs: {error ?? $"unknown CRS '{crsParameter}'"}");
        var info = (await requests.OpenAsync(resolver, context.Request, context.RequestAborted)).Info;
        var b = crsParameter is null ? info.Wgs84Bounds : Grids.BoundsTransform.Transform(info.NativeBounds, info.Crs, crsParameter, registry);
        if (crsParameter is null || registry.Resolve(crsParameter).IsGeographic)
            b = Antimeridian.Wrap(b);
        return Results.Json(new Dictionary<string, object?>
        {
            ["bounds"] = new[] { b.MinX, b.MinY, b.MaxX, b.MaxY },
            ["crs"] = Grids.BoundsTransform.CrsUri(crsParameter ?? "OGC:CRS84"),
        });
    }

    public static async Task<IResult> AssetsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests)
    {
        var source = await requests.OpenAsync(resolver, context.Request, context.RequestAborted);
        return Results.Json(AssetBands.Of(source.Info).Names);
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
        var b = Antimeridian.Wrap(info.Wgs84Bounds);
        var (centreX, centreY) = Antimeridian.Centre(b);
        var document = new Dictionary<string, object?>
        {
            ["tilejson"] = "3.0.0",
            ["version"] = "1.0.0",
            ["scheme"] = "xyz",
            ["tiles"] = new[] { TileUrl(context.Request, resolver.Name, tms, format, scale, scale is null ? tileSize ?? 512 : tileSize) },
            ["minzoom"] = minZoom,
            ["maxzoom"] = maxZoom,
            ["bounds"] = new[] { b.MinX, b.MinY, b.MaxX, b.MaxY },
            // TiTiler averages the longitudes, which puts the centre of a box across 180° on the far side of the Earth.
            ["center"] = new object[] { centreX, centreY, minZoom },
            ["raster_layers"] = new Dictionary<string, object?>(),
        };
        if (resolver is CogSourceResolver)
            AddDatasetFields(document, await resolver.InfoAsync(query, context.RequestAborted));
        return Results.Json(document);
    }

    /// <summary>
    /// TiTiler's tilejson adds the reader's Info <c>band_descriptions</c>, <c>dtype</c> (as <c>data_type</c>) and
    /// <c>minmax</c>, leaving out those that are null; a STAC reader's Info is per asset and has none of them.
    /// </summary>
    private static void AddDatasetFields(Dictionary<string, object?> tileJson, Dictionary<string, object?> info)
    {
        tileJson["band_descriptions"] = info["band_descriptions"];
        tileJson["data_type"] = info["dtype"];
        if (info.TryGetValue("minmax", out var minmax))
            tileJson["minmax"] = minmax;
    }

    /// <summary>
    /// <c>WMTSCapabilities.xml</c> (TiTiler 2.x): a layer per WMTS-describable set that meets the data, every such set
    /// described; <c>{tms}/WMTSCapabilities.xml</c>: that set only. Zoom range from the source unless given.
    /// </summary>
    public static async Task<IResult> WmtsCapabilitiesAsync(ISourceResolver resolver, string? tms, HttpContext context, TilerRequests requests,
        TileMatrixSetRegistry registry, WmtsLayerSets layerSets)
    {
        var sets = tms is null ? layerSets.Describable : [Describable(registry.Get(tms))];
        var query = new QueryReader(context.Request.Query);
        var format = OutputFormats.Parse(query.String("tile_format") ?? "png", "tile_format");
        var useEpsg = query.Bool("use_epsg") ?? false;
        var (minZoom, maxZoom) = (query.Int("minzoom", 0, 30), query.Int("maxzoom", 0, 30));
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var info = prepared.Source.Info;
        var layers = layerSets.For(info, tms is null ? null : [tms]).Select(offered =>
        {
            var (min, max) = ZoomLevels.Range(info, offered.Set, requests.Grids.Crs);
            var zooms = offered.Set.Matrices.Skip(minZoom ?? min).Take((maxZoom ?? max) - (minZoom ?? min) + 1).Select(m => m.Id).ToHashSet();
            var template = TileUrl(context.Request, resolver.Name, offered.Set.Id, format.Extension, null, null)
                .Replace("{z}", "{TileMatrix}").Replace("{x}", "{TileCol}").Replace("{y}", "{TileRow}");
            return new WmtsDocument.SetLayer(offered, offered.Limits.Where(l => zooms.Contains(l.Matrix)).ToList(), template);
        }).ToList();
        var requestUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        var xml = WmtsDocument.Build(query.String("url")!, requestUrl, layers, sets, info.Wgs84Bounds, format.ContentType, useEpsg);
        return Results.Bytes(xml, "application/xml");
    }

    private static TileMatrixSet Describable(TileMatrixSet set) => WmtsLayerSets.IsDescribable(set)
        ? set
        : throw new ResourceNotFoundException($"TileMatrixSet '{set.Id}' has matrices of variable width or a bottom-left origin, which WMTS 1.0 cannot describe");

    public static IResult MapViewer(ISourceResolver resolver, string tms, HttpContext context, TileGrids tileGrids)
    {
        var set = tileGrids.Registry.Get(tms);
        var kind = resolver is Searches.SearchSourceResolver ? "search" : resolver.Name;
        var viewer = context.RequestServices.GetRequiredService<Configuration.ServerOptions>().Viewer;
        return Results.Content(MapPage.Html(context.Request.PathBase, kind, "/" + resolver.Name, set, viewer), "text/html; charset=utf-8");
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
