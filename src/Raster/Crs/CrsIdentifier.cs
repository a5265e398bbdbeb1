namespace OgcTiler.Raster.Crs;

/// <summary>
/// Parses the CRS identifiers clients send: EPSG:n, urn:ogc:def:crs:EPSG:[version]:n,
/// http(s)://www.opengis.net/def/crs/EPSG/0/n, CRS:84, urn:ogc:def:crs:OGC:1.3:CRS84 and
/// http://www.opengis.net/def/crs/OGC/1.3/CRS84. Returns the EPSG code, or null for CRS84.
/// </summary>
internal static class CrsIdentifier
{
    private const string EpsgUrn = "urn:ogc:def:crs:EPSG:";
    private const string EpsgUriPath = "www.opengis.net/def/crs/EPSG/";

    public static bool TryParse(string identifier, out int? epsg)
    {
        epsg = null;
        var id = identifier.Trim();
        if (IsCrs84(id))
            return true;
        if (id.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase))
            return TryCode(id.AsSpan(5), out epsg);
        if (id.StartsWith(EpsgUrn, StringComparison.OrdinalIgnoreCase))
        {
            var rest = id.AsSpan(EpsgUrn.Length); // "[version]:n"
            var colon = rest.IndexOf(':');
            return colon >= 0 && TryCode(rest[(colon + 1)..], out epsg);
        }
        var path = StripScheme(id);
        if (path is not null && path.StartsWith(EpsgUriPath, StringComparison.OrdinalIgnoreCase))
        {
            var rest = path.AsSpan(EpsgUriPath.Length); // "0/n"
            var slash = rest.IndexOf('/');
            return slash >= 0 && TryCode(rest[(slash + 1)..], out epsg);
        }
        return false;
    }

    private static bool IsCrs84(string id) =>
        id.Equals("CRS:84", StringComparison.OrdinalIgnoreCase)
        || id.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase)
        || id.Equals("urn:ogc:def:crs:OGC:1.3:CRS84", StringComparison.OrdinalIgnoreCase)
        || id.Equals("urn:ogc:def:crs:OGC::CRS84", StringComparison.OrdinalIgnoreCase)
        || (StripScheme(id) is { } path && (path.Equals("www.opengis.net/def/crs/OGC/1.3/CRS84", StringComparison.OrdinalIgnoreCase)
            || path.Equals("www.opengis.net/def/crs/OGC/0/CRS84", StringComparison.OrdinalIgnoreCase))); // version 0: OGC API - Maps' bbox-crs

    private static string? StripScheme(string id) =>
        id.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? id[7..]
        : id.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? id[8..]
        : null;

    private static bool TryCode(ReadOnlySpan<char> text, out int? epsg)
    {
        epsg = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code > 0 ? code : null;
        return epsg is not null;
    }
}
