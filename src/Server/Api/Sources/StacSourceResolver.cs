using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Endpoints;
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

    /// <summary>
    /// The item with the assets the request lists in <c>assets</c> (so only those are described: an asset without
    /// band metadata has its COG header read for its band count), or with every raster asset when it lists none or <c>:all:</c>.
    /// </summary>
    public Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var listed = ListedAssets(query);
        var options = listed.Count == 0 ? NoOptions : new Dictionary<string, string> { ["assets"] = string.Join(',', listed) };
        return Provider().OpenAsync(new SourceSpec(policy.EnsureAllowed(SourceUrl.Required(query)), options), cancellationToken);
    }

    /// <summary>
    /// One Info per asset of <c>assets</c> (required, as in TiTiler 2.x; <c>:all:</c> for every asset), each from the
    /// item opened with that asset alone, so its data type, nodata, size and bounds are the asset's own.
    /// </summary>
    public async Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var url = policy.EnsureAllowed(SourceUrl.Required(query));
        var named = AssetNames(query);
        if (named.Count == 0)
            throw new InvalidParameterException("assets", "assets: required (asset names, or :all: for every asset)");
        var provider = Provider();
        var assets = named.Contains(AssetSpec.All) ? [] : named;
        if (assets.Count == 0)
            assets = AssetBands.Of((await provider.OpenAsync(new SourceSpec(url, NoOptions), cancellationToken)).Info).Names;
        var document = new Dictionary<string, object?>();
        foreach (var asset in assets)
        {
            var info = (await provider.OpenAsync(new SourceSpec(url, new Dictionary<string, string> { ["assets"] = asset }), cancellationToken)).Info;
            document[asset] = InfoDocuments.FromSource(info with { BandNames = [.. info.BandNames.Select((_, b) => $"b{b + 1}")] });
        }
        return document;
    }

    public (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source)
    {
        var selection = AssetSelector.Resolve(query, AssetBands.Of(source.Info));
        return (options with { Bidx = null, Bands = selection.Bands, Expression = selection.Expression }, selection.Dialect);
    }

    /// <summary>The asset names of <c>assets</c> (1.x lists or 2.x "name|options"), empty when none or <c>:all:</c>.</summary>
    internal static IReadOnlyList<string> ListedAssets(QueryReader query)
    {
        var names = AssetNames(query);
        return names.Contains(AssetSpec.All) ? [] : names;
    }

    /// <summary>The names in <c>assets</c> as given, <c>:all:</c> included.</summary>
    private static IReadOnlyList<string> AssetNames(QueryReader query) => query.List("assets")
        .SelectMany(v => v.Contains('|') ? [v[..v.IndexOf('|')]] : v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToArray();

    private ISourceProvider Provider() => catalog.FindSourceProvider("stac-item")
        ?? throw new ResourceNotFoundException("the STAC plugin (source type 'stac-item') is not loaded, so /stac is not available");
}
