namespace OgcTiler.Server.Sources;

/// <summary>Which paths and URLs requests may read: <c>Sources:AllowedRoots</c> and <c>Sources:AllowedUrlPrefixes</c>.</summary>
public interface IAccessPolicy
{
    /// <summary>The absolute path or URL to open; throws AccessDeniedException naming the reason.</summary>
    string EnsureAllowed(string pathOrUrl);
}
