using System.Globalization;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>Image responses with TiTiler's Content-Bbox and Content-Crs headers and the dialect a request used.</summary>
internal static class ImageResults
{
    public const string DialectHeader = "OgcTiler-Titiler-Dialect";

    public static IResult Send(HttpContext context, EncodedImage image, TargetGrid grid, string? dialect, int maxAgeSeconds) =>
        Send(context, new CachedTile(image.Bytes, image.Format.ContentType, TileCache.ETagOf(image.Bytes)), null, grid, dialect, maxAgeSeconds);

    public static IResult Send(HttpContext context, CachedTile tile, TileOrigin? origin, TargetGrid grid, string? dialect, int maxAgeSeconds)
    {
        var headers = context.Response.Headers;
        headers["Content-Bbox"] = string.Join(',', new[] { grid.MinX, grid.MinY, grid.MaxX, grid.MaxY }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        if (BoundsTransform.AuthorityUri(grid.Crs) is { } crs)
            headers["Content-Crs"] = $"<{crs}>"; // as TiTiler, none for a CRS without an authority code
        if (dialect is not null)
            headers[DialectHeader] = dialect;
        return TileResults.Send(context, AsRequested(context.Request, tile), origin, maxAgeSeconds);
    }

    /// <summary>TiTiler answers a <c>.jpg</c> path with <c>image/jpg</c> (its ImageType.jpg), <c>.jpeg</c> and its default JPEG with image/jpeg.</summary>
    private static CachedTile AsRequested(HttpRequest request, CachedTile tile) =>
        tile.ContentType == ImageFormat.Jpeg.ContentType && request.Path.Value?.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) == true
            ? tile with { ContentType = "image/jpg" }
            : tile;
}
