using System.Net;

namespace OgcTiler.Server.Sources;

/// <summary>
/// Which paths and URLs requests may read (<c>Sources:AllowedRoots</c>, <c>Sources:AllowedUrlPrefixes</c>) and which
/// addresses upstream hosts may resolve to (<c>Sources:AllowedNetworks</c>).
/// </summary>
public interface IAccessPolicy
{
    /// <summary>The absolute path or URL to open; throws AccessDeniedException naming the reason.</summary>
    string EnsureAllowed(string pathOrUrl);

    /// <summary>True for public addresses and for the non-public ones the configuration names.</summary>
    bool IsAddressAllowed(IPAddress address);
}
