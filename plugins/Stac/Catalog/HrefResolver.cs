namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>Resolves STAC hrefs against the document they appear in (a local path or an HTTP(S) URL).</summary>
internal static class HrefResolver
{
    public static bool IsHttp(string uri) =>
        uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>An absolute URL or full local path for <paramref name="href"/> as seen from <paramref name="baseUri"/>.</summary>
    public static string Resolve(string baseUri, string href)
    {
        if (IsHttp(href))
            return href;
        if (href.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return new Uri(href).LocalPath;
        if (System.Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme.Length > 1 && !absolute.IsFile)
            return href;
        if (IsHttp(baseUri))
            return new Uri(new Uri(baseUri), href).AbsoluteUri;
        if (Path.IsPathRooted(href))
            return Path.GetFullPath(href);
        var folder = Path.GetDirectoryName(Path.GetFullPath(LocalPath(baseUri))) ?? ".";
        return Path.GetFullPath(Path.Combine(folder, href));
    }

    /// <summary>The local path of a plain path or a file:// URI.</summary>
    public static string LocalPath(string uri) =>
        uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(uri).LocalPath : uri;
}
