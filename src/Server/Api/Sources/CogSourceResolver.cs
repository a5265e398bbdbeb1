using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Api.Sources;

/// <summary>/cog: <c>url</c> is one COG (a path under Sources:AllowedRoots or a URL under Sources:AllowedUrlPrefixes).</summary>
internal sealed class CogSourceResolver(IPluginCatalog catalog, IAccessPolicy policy, IRasterOpener rasters) : ISourceResolver
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    public string Name => "cog";

    public Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var url = SourceUrl.Required(query);
        var allowed = policy.EnsureAllowed(url);
        var provider = catalog.FindSourceProvider("cog") ?? throw new InvalidOperationException("the built-in 'cog' source provider is not registered");
        return provider.OpenAsync(new SourceSpec(allowed, NoOptions), cancellationToken);
    }

    public async Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var dataset = await rasters.OpenAsync(policy.EnsureAllowed(SourceUrl.Required(query)), cancellationToken);
        return InfoDocuments.FromDataset(dataset.Info);
    }

    public (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source) =>
        (options, null);
}

internal static class SourceUrl
{
    public static string Required(QueryReader query) =>
        query.String("url") ?? throw new InvalidParameterException("url", "url: required (a COG or STAC item path or URL)");
}
