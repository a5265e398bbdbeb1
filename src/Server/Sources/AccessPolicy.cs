using System.Net;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Sources;

/// <summary>
/// Allows local paths inside <c>Sources:AllowedRoots</c> (after resolving "..", relative to the config file's folder)
/// and HTTP(S) URLs under one of <c>Sources:AllowedUrlPrefixes</c> (same scheme, host and port, path under the
/// prefix's path, after resolving ".."). Upstream hosts must resolve to public addresses, unless the address is in
/// <c>Sources:AllowedNetworks</c> or is the literal host of an allowed prefix. Everything else is refused.
/// </summary>
internal sealed class AccessPolicy : IAccessPolicy
{
    private readonly ServerOptions _options;
    private readonly List<UrlPrefix> _prefixes;
    private readonly HashSet<IPAddress> _prefixAddresses;

    public AccessPolicy(ServerOptions options)
    {
        _options = options;
        _prefixes = options.Sources.AllowedUrlPrefixes.Select(UrlPrefix.Parse).ToList();
        _prefixAddresses = _prefixes.Select(p => p.Address).OfType<IPAddress>().ToHashSet();
    }

    public string EnsureAllowed(string pathOrUrl)
    {
        if (string.IsNullOrWhiteSpace(pathOrUrl))
            throw new InvalidParameterException("url", "url: a path or URL is required");
        if (pathOrUrl.Any(char.IsControl))
            throw new InvalidParameterException("url", "url: control characters are not allowed in a path or URL");
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && !uri.IsFile)
            return EnsureUrlAllowed(pathOrUrl, uri);
        var path = uri is { IsFile: true } ? uri.LocalPath : pathOrUrl;
        return EnsurePathAllowed(Path.GetFullPath(Path.Combine(_options.ConfigDirectory, path)), pathOrUrl);
    }

    public bool IsAddressAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return !NonPublicNetworks.Contains(address)
            || _prefixAddresses.Contains(address)
            || _options.Sources.AllowedNetworks.Any(n => n.Contains(address));
    }

    private string EnsureUrlAllowed(string url, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw new AccessDeniedException($"'{url}': scheme '{uri.Scheme}' is not supported (use http, https or a local path)");
        if (_prefixes.Any(p => p.Matches(uri)))
            return url;
        throw new AccessDeniedException(_prefixes.Count == 0
            ? $"'{url}': remote URLs are not allowed (Sources:AllowedUrlPrefixes is empty)"
            : $"'{url}' does not start with an allowed prefix (Sources:AllowedUrlPrefixes: {string.Join(", ", _options.Sources.AllowedUrlPrefixes)})");
    }

    private string EnsurePathAllowed(string fullPath, string given)
    {
        foreach (var root in _options.Sources.AllowedRoots)
        {
            var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            if (fullPath.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                return fullPath;
        }
        throw new AccessDeniedException(_options.Sources.AllowedRoots.Count == 0
            ? $"'{given}': local files are not allowed (Sources:AllowedRoots is empty)"
            : $"'{given}' is outside the allowed folders (Sources:AllowedRoots: {string.Join(", ", _options.Sources.AllowedRoots)})");
    }

    /// <summary>Loopback, private, shared, link-local (cloud metadata services), multicast and reserved addresses.</summary>
    private static class NonPublicNetworks
    {
        private static readonly IPNetwork[] Networks =
        [
            .. new[]
            {
                "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
                "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3", "::/128", "::1/128", "64:ff9b::/96", "fc00::/7", "fe80::/10", "ff00::/8",
            }.Select(IPNetwork.Parse),
        ];

        public static bool Contains(IPAddress address) => Networks.Any(n => n.Contains(address));
    }

    /// <summary>A URL prefix: "https://" alone allows every host of the scheme; otherwise scheme, host, port and path.</summary>
    private sealed record UrlPrefix(string Scheme, Uri? Base)
    {
        public IPAddress? Address =>
            Base is { HostNameType: UriHostNameType.IPv4 or UriHostNameType.IPv6 } ? IPAddress.Parse(Base.IdnHost.Trim('[', ']')) : null;

        public static UrlPrefix Parse(string prefix)
        {
            var scheme = prefix[..prefix.IndexOf(':')].ToLowerInvariant();
            var hasHost = prefix.Length > scheme.Length + 3;
            return new UrlPrefix(scheme, hasHost ? new Uri(prefix, UriKind.Absolute) : null);
        }

        public bool Matches(Uri uri)
        {
            if (!uri.Scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
                return false;
            return Base is null
                || (uri.IdnHost.Equals(Base.IdnHost, StringComparison.OrdinalIgnoreCase)
                    && uri.Port == Base.Port
                    && uri.UserInfo.Length == 0
                    && uri.AbsolutePath.StartsWith(Base.AbsolutePath, StringComparison.Ordinal));
        }
    }
}
