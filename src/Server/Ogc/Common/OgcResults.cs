namespace OgcTiler.Server.Ogc.Common;

/// <summary>A byte body with a content type and status (Results.Bytes has no status).</summary>
internal sealed class BytesResult(byte[] bytes, string contentType, int status = StatusCodes.Status200OK) : IResult
{
    public byte[] Bytes { get; } = bytes;

    public string ContentType { get; } = contentType;

    public int Status { get; } = status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = Bytes.Length;
        return httpContext.Response.Body.WriteAsync(Bytes, httpContext.RequestAborted).AsTask();
    }
}
