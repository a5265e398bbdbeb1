using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>The one mapping from the project's typed errors to OGC exception codes and HTTP statuses.</summary>
internal static class OgcErrors
{
    public static OgcException ToOgc(Exception exception) => exception switch
    {
        OgcException ogc => ogc,
        InvalidParameterException e => new OgcException(OgcCodes.InvalidParameterValue, e.Parameter, e.Message),
        ResourceNotFoundException e => new OgcException(OgcCodes.NoApplicableCode, null, e.Message, StatusCodes.Status404NotFound),
        AccessDeniedException e => new OgcException(OgcCodes.NoApplicableCode, null, e.Message, StatusCodes.Status403Forbidden),
        UpstreamException e => new OgcException(OgcCodes.NoApplicableCode, null, e.Message, StatusCodes.Status502BadGateway),
        RasterFormatException e => new OgcException(OgcCodes.NoApplicableCode, null, e.Message, StatusCodes.Status502BadGateway),
        _ => new OgcException(OgcCodes.NoApplicableCode, null, "internal error: " + exception.Message, StatusCodes.Status500InternalServerError),
    };

    /// <summary>True for the errors an OGC endpoint reports as a document (everything but cancellation).</summary>
    public static bool IsReportable(Exception exception) => exception is not OperationCanceledException;
}
