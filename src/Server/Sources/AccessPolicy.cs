using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Sources;

/// <summary>
/// Allows local paths inside <c>Sources:AllowedRoots</c> (after resolving "..", relative to the config file's folder)
/// and HTTP(S) URLs starting with one of <c>Sources:AllowedUrlPrefixes</c>. Everything else is refused.
/// </summary>
internal sealed class AccessPolicy(ServerOptions options) : IAccessPolicy
{
    public string EnsureAllowed(string pathOrUrl)
    {
        if (string.IsNullOrWhiteSpace(pathOrUrl))
            throw new InvalidParameterException("url", "url: a path or URL is required");
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && !uri.IsFile)
            return EnsureUrlAllowed(pathOrUrl, uri);
        var path = uri is { IsFile: true } ? uri.LocalPath : pathOrUrl;
        return EnsurePathAllowed(Path.GetFullPath(Path.Combine(options.ConfigDirectory, path)), pathOrUrl);
    }

    private string EnsureUrlAllowed(string url, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw new AccessDeniedException($"'{url}': scheme '{uri.Scheme}' is not supported (use http, https or a local path)");
        foreach (var prefix in options.Sources.AllowedUrlPrefixes)
        {
            if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return url;
        }
        throw new AccessDeniedException(options.Sources.AllowedUrlPrefixes.Count == 0
            ? $"'{url}': remote URLs are not allowed (Sources:AllowedUrlPrefixes is empty)"
            : $"'{url}' does not start with an allowed prefix (Sources:AllowedUrlPrefixes: {string.Join(", ", options.Sources.AllowedUrlPrefixes)})");
    }

    private string EnsurePathAllowed(string fullPath, string given)
    {
        foreach (var root in options.Sources.AllowedRoots)
        {
            var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            if (fullPath.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                return fullPath;
        }
        throw new AccessDeniedException(options.Sources.AllowedRoots.Count == 0
            ? $"'{given}': local files are not allowed (Sources:AllowedRoots is empty)"
            : $"'{given}' is outside the allowed folders (Sources:AllowedRoots: {string.Join(", ", options.Sources.AllowedRoots)})");
    }
}
