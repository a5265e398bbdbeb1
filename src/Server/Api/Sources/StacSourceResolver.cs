using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Api.Sources;

/// <summary>/stac: <c>url</c> is a STAC item read by the STAC plugin's <c>stac-item</c> source; bands come from assets.</summary>
internal sealed class StacSourceResolver(IPluginCatalog catalog, IAccessPolicy policy) : ISourceResolver
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    public string Name => "stac";

    public Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken) =>
        Provider().OpenAsync(new SourceSpec(policy.EnsureAllowed(SourceUrl.Required(query)), NoOptions), cancellationToken);

    /// <summary>
    /// One Info per asset (all, or those of <c>assets</c>), each from the item opened with that asset alone, so its
    /// data type, nodata, size and bounds are the asset's own.
    /// </summary>
    public async Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var url = policy.EnsureAllowed(SourceUrl.Required(query));
        var provider = Provider();
        var item = await provider.OpenAsync(new SourceSpec(url, NoOptions), cancellationToken);
        var requested = query.CommaList("assets");
        var document = new Dictionary<string, object?>();
        foreach (var asset in new AssetBands(item.Info.BandNames).Names)
        {
            if (requested.Count > 0 && !requested.Contains(asset))
                continue;
            var info = (await provider.OpenAsync(new SourceSpec(url, new Dictionary<string, string> { ["assets"] = asset }), cancellationToken)).Info;
            document[asset] = InfoDocuments.FromSource(info with { BandNames = [.. info.BandNames.Select((_, b) => $"b{b + 1}")] });
        }
        return document;
    }

    private ISourceProvider Provider() => catalog.FindSourceProvider("stac-item")
        ?? throw new ResourceNotFoundException("the STAC plugin (source type 'stac-item') is not loaded, so /stac is not available");

    public (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source, bool allAssetsByDefault)
    {
        var selection = AssetSelector.Resolve(query, new AssetBands(source.Info.BandNames), allAssetsByDefault);
        return (options with { Bidx = null, Bands = selection.Bands, Expression = selection.Expression }, selection.Dialect);
    }
}
