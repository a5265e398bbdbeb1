namespace OgcTiler.Server.Ogc.Common;

/// <summary>A byte body with a content type and status (Results.Bytes has no status).</summary>
internal sealed class BytesResult(byte[] bytes, string contentType, int status = StatusCodes.Status200OK) : IResult
{
    public byte[] Bytes { get; } = bytes;

    public string ContentType { get; } = contentType;

    public int Status { get; } = status;

    /// <summary>The Cache-Control header, when the response sets one.</summary>
    public string? CacheControl { get; init; }

    /// <summary>
    /// A capabilities document, never stored by the client: it changes with the layers (a config reload, new time
    /// values), and QGIS asks for capabilities with Qt's PreferCache, which reuses any stored copy without asking the
    /// server again whatever max-age, no-cache or must-revalidate say, so a stored copy would hide new layers and
    /// dates from it for good.
    /// </summary>
    public static BytesResult Capabilities(byte[] bytes, string contentType) => new(bytes, contentType) { CacheControl = "no-store" };

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = Bytes.Length;
        if (CacheControl is not null)
            httpContext.Response.Headers.CacheControl = CacheControl;
        return httpContext.Response.Body.WriteAsync(Bytes, httpContext.RequestAborted).AsTask();
    }
}
