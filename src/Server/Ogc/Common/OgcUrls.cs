namespace OgcTiler.Server.Ogc.Common;

/// <summary>Absolute URLs the capabilities documents advertise, built from the request's scheme, host and path base.</summary>
internal static class OgcUrls
{
    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
