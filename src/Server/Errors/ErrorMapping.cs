using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Errors;

/// <summary>
/// The one table from typed errors to HTTP statuses, for every door: REST answers with problem+json, the OGC
/// services with their exception documents (they only add the exception code).
/// </summary>
public static class ErrorMapping
{
    public static int StatusCode(Exception exception) => exception switch
    {
        InvalidParameterException => StatusCodes.Status400BadRequest,
        ResourceNotFoundException => StatusCodes.Status404NotFound,
        AccessDeniedException => StatusCodes.Status403Forbidden,
        UpstreamTimeoutException => StatusCodes.Status504GatewayTimeout,
        UpstreamException { UpstreamStatus: 404 } => StatusCodes.Status404NotFound,
        UpstreamException => StatusCodes.Status424FailedDependency,
        RasterFormatException => StatusCodes.Status422UnprocessableEntity,
        ConfigurationException => StatusCodes.Status500InternalServerError,
        OperationCanceledException => 499, // client closed the request
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Title(int status) => status switch
    {
        400 => "Invalid parameter",
        403 => "Access denied",
        404 => "Not found",
        422 => "Unreadable raster",
        424 => "Upstream failure",
        504 => "Upstream timeout",
        _ => "Internal error",
    };
}
