using System.Text.RegularExpressions;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary><c>preview</c>, <c>bbox/{minx},{miny},{maxx},{maxy}[/{w}x{h}].{format}</c>, POST <c>feature</c> and <c>map</c>.</summary>
internal static partial class ImageEndpoints
{
    public static async Task<IResult> PreviewAsync(ISourceResolver resolver, string? format, string? size, HttpContext context,
        TilerRequests requests, IRenderPipeline pipeline, ServerOptions options)
    {
        var (width, height, sizeFormat) = ParseSize(size);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var grid = requests.Grids.Preview(prepared.Source.Info, prepared.Query.String("dst_crs"), ImageSize.Parse(prepared.Query, 1024, width, height));
        return await RenderAsync(context, pipeline, prepared, grid, OutputFormats.Parse(format ?? sizeFormat), options);
    }

    public static async Task<IResult> BboxAsync(ISourceResolver resolver, string coordinates, string? size, HttpContext context,
        TilerRequests requests, IRenderPipeline pipeline, ServerOptions options)
    {
        var (bounds, format) = ParseBbox(coordinates, size is null);
        var (width, height, sizeFormat) = ParseSize(size);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var query = prepared.Query;
        var grid = requests.Grids.Part(prepared.Source.Info, bounds, query.String("coord_crs"), query.String("dst_crs"), ImageSize.Parse(query, null, width, height));
        return await RenderAsync(context, pipeline, prepared, grid, OutputFormats.Parse(format ?? sizeFormat), options);
    }

    public static async Task<IResult> FeatureAsync(ISourceResolver resolver, string? format, string? size, HttpContext context,
        TilerRequests requests, IRenderPipeline pipeline, ServerOptions options)
    {
        var (width, height, sizeFormat) = ParseSize(size);
        var (_, features) = GeoJsonFeatures.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
        var feature = features[0];
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted, feature);
        var query = prepared.Query;
        var grid = requests.Grids.Part(prepared.Source.Info, feature.Bounds, query.String("coord_crs"), query.String("dst_crs"), ImageSize.Parse(query, null, width, height));
        return await RenderAsync(context, pipeline, prepared, grid, OutputFormats.Parse(format ?? sizeFormat), options);
    }

    /// <summary>
    /// OGC API - Maps <c>map</c>, as TiTiler 2.x: the whole source (preview, longer side 1024 unless <c>width</c> or
    /// <c>height</c>) or a <c>bbox</c> in <c>bbox-crs</c> (default CRS84), drawn in <c>crs</c> (default the source's);
    /// the format from <c>f</c>, else the Accept header, else PNG.
    /// </summary>
    public static async Task<IResult> MapAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, IRenderPipeline pipeline, ServerOptions options)
    {
        var query = new QueryReader(context.Request.Query);
        var crs = MapCrs(query, "crs", requests.Grids);
        var bboxCrs = MapCrs(query, "bbox-crs", requests.Grids);
        var bbox = query.String("bbox") is { } text ? ParseMapBbox(text) : (Bounds?)null;
        var format = MapFormat(query.String("f"), context.Request);
        if (query.String("f") is null)
            context.Response.Headers.Vary = "Accept"; // caches must not give a PNG to a client that asked for JPEG
        var size = ImageSize.Parse(query, 1024);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var info = prepared.Source.Info;
        var grid = bbox is { } area
            ? requests.Grids.Part(info, area, bboxCrs ?? "OGC:CRS84", crs ?? info.Crs, size)
            : requests.Grids.Preview(info, crs, size);
        return await RenderAsync(context, pipeline, prepared, grid, format, options);
    }

    /// <summary>A CRS as a URI, code or safe CURIE (<c>[EPSG:3857]</c>), checked here so the error names the parameter.</summary>
    private static string? MapCrs(QueryReader query, string parameter, GridBuilder grids)
    {
        if (query.String(parameter) is not { } text)
            return null;
        var id = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        return grids.Crs.TryResolve(id, out var crs, out var error) ? crs.Id : throw new InvalidParameterException(parameter, $"{parameter}: {error ?? $"unknown CRS '{text}'"}");
    }

    /// <summary>Four numbers, or six (minx,miny,minz,maxx,maxy,maxz) whose heights are dropped.</summary>
    private static Bounds ParseMapBbox(string text)
    {
        var parts = text.Split(',');
        if (parts.Length is not (4 or 6))
            throw new InvalidParameterException("bbox", $"bbox: '{text}' is not four or six comma-separated numbers");
        var v = parts.Select(p => QueryReader.ParseDouble("bbox", p)).ToArray();
        return v.Length == 4 ? new Bounds(v[0], v[1], v[2], v[3]) : new Bounds(v[0], v[1], v[3], v[4]);
    }

    private static ImageFormat MapFormat(string? f, HttpRequest request)
    {
        if (f is not null)
            return OutputFormats.Parse(f, "f");
        var accepted = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var list)
            ? list.OrderByDescending(m => m.Quality ?? 1).Select(m => m.MediaType.Value)
            : [];
        return accepted.Select(type => ImageFormats.ByName.Values.FirstOrDefault(v => v.ContentType.StartsWith(type + ";", StringComparison.OrdinalIgnoreCase)
                || string.Equals(v.ContentType, type, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(v => v is not null) ?? ImageFormat.Png;
    }

    private static async Task<IResult> RenderAsync(HttpContext context, IRenderPipeline pipeline, PreparedSource prepared, TargetGrid grid, ImageFormat format, ServerOptions options)
    {
        var image = await pipeline.RenderAsync(new RenderRequest(prepared.Source, grid, prepared.Options, format, AlphaWhenOpaque: true), context.RequestAborted);
        return ImageResults.Send(context, image, grid, prepared.Dialect, options.Cache.Tiles.MaxAgeSeconds);
    }

    /// <summary>"minx,miny,maxx,maxy" with ".format" at the end when no size segment follows.</summary>
    internal static (Bounds Bounds, string? Format) ParseBbox(string text, bool formatRequired)
    {
        var match = BboxPattern().Match(text);
        if (!match.Success || (formatRequired && !match.Groups[5].Success))
            throw new InvalidParameterException("bbox", $"bbox: '{text}' is not minx,miny,maxx,maxy{(formatRequired ? ".{format}" : "")}");
        var v = Enumerable.Range(1, 4).Select(i => QueryReader.ParseDouble("bbox", match.Groups[i].Value)).ToArray();
        return (new Bounds(v[0], v[1], v[2], v[3]), match.Groups[5].Success ? match.Groups[5].Value : null);
    }

    /// <summary>"{width}x{height}[.{format}]".</summary>
    internal static (int? Width, int? Height, string? Format) ParseSize(string? text)
    {
        if (text is null)
            return (null, null, null);
        var match = SizePattern().Match(text);
        if (!match.Success)
            throw new InvalidParameterException("size", $"size: '{text}' is not {{width}}x{{height}}[.{{format}}]");
        return (QueryReader.ParseInt("width", match.Groups[1].Value, 1, ImageSize.Limit),
            QueryReader.ParseInt("height", match.Groups[2].Value, 1, ImageSize.Limit),
            match.Groups[3].Success ? match.Groups[3].Value : null);
    }

    [GeneratedRegex(@"^([^,]+),([^,]+),([^,]+),([^,]+?)(?:\.([A-Za-z]+))?$")]
    private static partial Regex BboxPattern();

    [GeneratedRegex(@"^(\d+)x(\d+)(?:\.([A-Za-z]+))?$")]
    private static partial Regex SizePattern();
}
