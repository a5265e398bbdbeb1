namespace OgcTiler.Server.Ogc.Common;

/// <summary>What the capabilities documents say about the service and its provider (config section <c>Service</c>).</summary>
internal sealed record ServiceMetadata(
    string Title,
    string? Abstract,
    IReadOnlyList<string> Keywords,
    string? ProviderName,
    string? ProviderSite,
    string? ContactName,
    string? ContactEmail);

/// <summary>Config section <c>Ogc</c>: the largest WMS picture (4096 × 4096 by default).</summary>
internal sealed record OgcOptions(int MaxWidth = 4096, int MaxHeight = 4096);
