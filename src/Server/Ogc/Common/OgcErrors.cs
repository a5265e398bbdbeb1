using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Errors;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// The OGC exception code of each typed error; the HTTP status comes from <see cref="ErrorMapping"/>, so a failure
/// has the same status through every door.
/// </summary>
internal static class OgcErrors
{
    public static OgcException ToOgc(Exception exception) => exception switch
    {
        OgcException ogc => ogc,
        InvalidParameterException e => new OgcException(OgcCodes.InvalidParameterValue, e.Parameter, e.Message, ErrorMapping.StatusCode(e)),
        OgcTilerException e => new OgcException(OgcCodes.NoApplicableCode, null, e.Message, ErrorMapping.StatusCode(e)),
        _ => new OgcException(OgcCodes.NoApplicableCode, null, "internal error: " + exception.Message, ErrorMapping.StatusCode(exception)),
    };

    /// <summary>True for the errors an OGC endpoint reports as a document (everything but cancellation).</summary>
    public static bool IsReportable(Exception exception) => exception is not OperationCanceledException;
}
