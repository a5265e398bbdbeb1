namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// A protocol error with its OGC exception code, the parameter it is about (the OWS <c>locator</c>) and the HTTP
/// status the standard gives. The WMTS and WMS endpoints turn it into their own exception document.
/// </summary>
internal sealed class OgcException(string code, string? locator, string message, int status = StatusCodes.Status400BadRequest)
    : Exception(message)
{
    public string Code { get; } = code;

    public string? Locator { get; } = locator;

    public int Status { get; } = status;

    public static OgcException Missing(string parameter) =>
        new(OgcCodes.MissingParameterValue, parameter, $"parameter '{parameter}' is required");

    public static OgcException Invalid(string parameter, string message) =>
        new(OgcCodes.InvalidParameterValue, parameter, message);

    public static OgcException NotSupported(string request, string valid, string locator = "request") =>
        new(OgcCodes.OperationNotSupported, locator, $"request '{request}' is not supported (valid: {valid})", StatusCodes.Status501NotImplemented);
}

/// <summary>Exception codes of OWS 1.1, WMTS 1.0 and WMS 1.1.1/1.3.0.</summary>
internal static class OgcCodes
{
    public const string MissingParameterValue = nameof(MissingParameterValue);
    public const string InvalidParameterValue = nameof(InvalidParameterValue);
    public const string OperationNotSupported = nameof(OperationNotSupported);
    public const string VersionNegotiationFailed = nameof(VersionNegotiationFailed);
    public const string InvalidUpdateSequence = nameof(InvalidUpdateSequence);
    public const string NoApplicableCode = nameof(NoApplicableCode);
    public const string TileOutOfRange = nameof(TileOutOfRange);
    public const string PointIJOutOfRange = nameof(PointIJOutOfRange);

    // WMS only
    public const string InvalidFormat = nameof(InvalidFormat);
    public const string InvalidCrs = "InvalidCRS";
    public const string InvalidSrs = "InvalidSRS";
    public const string LayerNotDefined = nameof(LayerNotDefined);
    public const string StyleNotDefined = nameof(StyleNotDefined);
    public const string InvalidPoint = nameof(InvalidPoint);
    public const string CurrentUpdateSequence = nameof(CurrentUpdateSequence);
    public const string MissingDimensionValue = nameof(MissingDimensionValue);
    public const string InvalidDimensionValue = nameof(InvalidDimensionValue);
}
