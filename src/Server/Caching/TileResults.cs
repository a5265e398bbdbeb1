using Microsoft.Net.Http.Headers;

namespace OgcTiler.Server.Caching;

/// <summary>
/// Sends a tile with ETag, Cache-Control and, for tiles looked up in the tile cache, Cache-Status (RFC 9211), or 304
/// when the client's If-None-Match matches.
/// </summary>
public static class TileResults
{
    public const string CacheStatusHeader = "Cache-Status";

    public static IResult Send(HttpContext context, CachedTile tile, TileOrigin? origin, int maxAgeSeconds)
    {
        var headers = context.Response.Headers;
        if (origin is { } o)
            headers[CacheStatusHeader] = CacheStatus(o);
        headers.ETag = tile.ETag;
        headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        if (Matches(context.Request.Headers.IfNoneMatch, tile.ETag))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(tile.Bytes, tile.ContentType);
    }

    private static string CacheStatus(TileOrigin origin) => origin switch
    {
        TileOrigin.Hit => "OgcTiler; hit",
        TileOrigin.Rendered => "OgcTiler; fwd=miss; stored",
        _ => "OgcTiler; fwd=bypass",
    };

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
