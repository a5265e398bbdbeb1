using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
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

    public Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var url = SourceUrl.Required(query);
        var allowed = policy.EnsureAllowed(url);
        var provider = catalog.FindSourceProvider("stac-item")
            ?? throw new ResourceNotFoundException("the STAC plugin (source type 'stac-item') is not loaded, so /stac is not available");
        return provider.OpenAsync(new SourceSpec(allowed, NoOptions), cancellationToken);
    }

    /// <summary>One Info per asset (all, or those of <c>assets</c>), each from the item's description of that asset's bands.</summary>
    public async Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var info = (await OpenAsync(query, cancellationToken)).Info;
        var assets = new AssetBands(info.BandNames);
        var requested = query.CommaList("assets");
        var document = new Dictionary<string, object?>();
        foreach (var asset in assets.Names)
        {
            if (requested.Count > 0 && !requested.Contains(asset))
                continue;
            var bands = assets.SourceBands(asset).Select(i => i < info.Bands.Count ? info.Bands[i] : new BandInfo(info.BandNames[i])).ToArray();
            document[asset] = InfoDocuments.FromSource(info with { BandNames = [.. bands.Select((_, b) => $"b{b + 1}")], Bands = bands });
        }
        return document;
    }

    public (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source, bool allAssetsByDefault)
    {
        var selection = AssetSelector.Resolve(query, new AssetBands(source.Info.BandNames), allAssetsByDefault);
        return (options with { Bidx = null, Bands = selection.Bands, Expression = selection.Expression }, selection.Dialect);
    }
}
