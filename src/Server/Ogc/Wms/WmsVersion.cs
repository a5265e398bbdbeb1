using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>The two WMS versions served, and what differs between them on the wire.</summary>
internal sealed record WmsVersion(string Number, string CrsParameter, string InvalidCrsCode, string PointX, string PointY)
{
    public static readonly WmsVersion V111 = new("1.1.1", "srs", OgcCodes.InvalidSrs, "x", "y");
    public static readonly WmsVersion V130 = new("1.3.0", "crs", OgcCodes.InvalidCrs, "i", "j");

    public bool Is130 => this == V130;

    /// <summary>GetCapabilities negotiation: the highest version not above the requested one, else the lowest.</summary>
    public static WmsVersion Negotiate(string? requested)
    {
        if (string.IsNullOrEmpty(requested) || !System.Version.TryParse(requested, out var asked))
            return V130;
        return asked >= new System.Version(1, 3, 0) ? V130 : V111;
    }

    /// <summary>
    /// The version a request names: VERSION, else WMTVER (its name in WMS 1.0.0, which 1.1.1 servers still read; VERSION
    /// wins when both are given, as ets-wms11 checks); null when neither is given.
    /// </summary>
    public static string? Asked(OgcKvp kvp) =>
        kvp.Get("version") is { Length: > 0 } version ? version : kvp.Get("wmtver") is { Length: > 0 } old ? old : null;

    /// <summary>
    /// GetMap and GetFeatureInfo must name their version (WMS 1.3.0 tables 8 and 9, 1.1.1 tables 3 and 4; ets-wms13
    /// getmap:no-version); GetCapabilities negotiates one instead.
    /// </summary>
    public static void RequireGiven(string? asked)
    {
        if (asked is null)
            throw OgcException.Missing("version");
    }

    /// <summary>The version of an operation request: 1.3.0 or 1.1.1 (1.1.0 is read as 1.1.1); absent means 1.3.0 (GetLegendGraphic, an unknown request's report).</summary>
    public static WmsVersion ForRequest(string? version) => version switch
    {
        null or "1.3.0" or "1.3" => V130,
        "1.1.1" or "1.1.0" or "1.1" => V111,
        _ => throw OgcException.Invalid("version", $"WMS version '{version}' is not supported (valid: 1.3.0, 1.1.1)"),
    };

    public string CapabilitiesContentType => Is130 ? "text/xml" : "application/vnd.ogc.wms_xml";

    public string ExceptionContentType => Is130 ? "text/xml" : "application/vnd.ogc.se_xml";
}
