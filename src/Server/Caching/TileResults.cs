using Microsoft.Net.Http.Headers;

namespace OgcTiler.Server.Caching;

/// <summary>
/// Sends a tile with ETag, Cache-Control and, for tiles looked up in the tile cache, Cache-Status (RFC 9211) and
/// Last-Modified (when it was rendered), or 304 when the client's If-None-Match matches or, without If-None-Match, its
/// If-Modified-Since is not before the render (RFC 9110 13.2.2). No Vary: a tile's bytes depend on nothing in the
/// request headers (images are not compressed; CORS answers "*").
/// </summary>
public static class TileResults
{
    public const string CacheStatusHeader = "Cache-Status";

    /// <summary>304 when If-None-Match names the tile's entity tag (known before rendering), else null.</summary>
    public static IResult? NotModified(HttpContext context, TileLookup lookup, int maxAgeSeconds)
    {
        if (!Matches(context.Request.Headers.IfNoneMatch, lookup.ETag))
            return null;
        CacheMetrics.Lookups.Add(1, new KeyValuePair<string, object?>("origin", nameof(TileOrigin.NotModified)));
        SetHeaders(context, lookup.ETag, TileOrigin.NotModified, maxAgeSeconds);
        return Results.StatusCode(StatusCodes.Status304NotModified);
    }

    public static IResult Send(HttpContext context, CachedTile tile, TileOrigin? origin, int maxAgeSeconds)
    {
        SetHeaders(context, tile.ETag, origin, maxAgeSeconds);
        if (tile.Rendered is { } rendered)
            context.Response.Headers.LastModified = rendered.ToString("R");
        if (Matches(context.Request.Headers.IfNoneMatch, tile.ETag) || NotModifiedSince(context.Request, tile.Rendered))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(tile.Bytes, tile.ContentType);
    }

    private static void SetHeaders(HttpContext context, string etag, TileOrigin? origin, int maxAgeSeconds)
    {
        var headers = context.Response.Headers;
        if (origin is { } o)
            headers[CacheStatusHeader] = CacheStatus(o);
        headers.ETag = etag;
        headers.CacheControl = $"public, max-age={maxAgeSeconds}";
    }

    internal static string CacheStatus(TileOrigin origin) => origin switch
    {
        TileOrigin.Memory => "OgcTiler; hit",
        TileOrigin.Redis => "OgcTiler; hit; detail=redis",
        TileOrigin.NotModified => "OgcTiler; hit; detail=etag",
        TileOrigin.Peer => "OgcTiler; fwd=miss; collapsed; detail=redis",
        TileOrigin.Collapsed => "OgcTiler; fwd=miss; collapsed",
        TileOrigin.Rendered => "OgcTiler; fwd=miss; stored",
        TileOrigin.RenderedRedisUnavailable => "OgcTiler; fwd=miss; stored; detail=redis-unavailable",
        _ => "OgcTiler; fwd=bypass",
    };

    private static bool NotModifiedSince(HttpRequest request, DateTimeOffset? rendered) =>
        rendered is { } r && request.Headers.IfNoneMatch.Count == 0
        && request.GetTypedHeaders().IfModifiedSince is { } since && r <= since;

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
            return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
            return false;
        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
