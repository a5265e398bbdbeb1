using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Errors;

/// <summary>The one table from typed errors to HTTP statuses. OGC endpoints use it too, with their own documents.</summary>
public static class ErrorMapping
{
    public static int StatusCode(Exception exception) => exception switch
    {
        InvalidParameterException => StatusCodes.Status400BadRequest,
        ResourceNotFoundException => StatusCodes.Status404NotFound,
        AccessDeniedException => StatusCodes.Status403Forbidden,
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
        _ => "Internal error",
    };
}
