using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// Source type <c>stac-item</c>: <see cref="SourceSpec.Url"/> is the item's path or URL; the option <c>assets</c>
/// (comma-separated) names the default assets, otherwise every raster asset is one.
/// </summary>
internal sealed class StacItemProvider(IPluginHost host) : ISourceProvider
{
    private readonly StacDocumentLoader _loader = new(host);
    private readonly ItemReader _reader = new(host.Rasters);

    public string Type => "stac-item";

    public IReadOnlyCollection<string> OptionKeys => ["assets"];

    public async Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        await OpenAsync(spec, fromCache: true, cancellationToken);

    /// <param name="fromCache">false reads the item document again (the source's <see cref="ITimedSource.ReopenAsync"/>).</param>
    private async Task<StacItemSource> OpenAsync(SourceSpec spec, bool fromCache, CancellationToken cancellationToken)
    {
        var item = fromCache ? await LoadItemAsync(spec.Url, cancellationToken) : await ReadItemAsync(spec.Url, cancellationToken);
        var names = SourceOptions.List(spec.Options, "assets");
        var assets = AssetBand.DefaultAssets(item, names);
        var info = await ItemInfo.DescribeAsync(item, assets, host.Rasters, cancellationToken);
        var id = names is null ? spec.Url : $"{spec.Url} assets={string.Join(',', names)}";
        return new StacItemSource(id, item, info, _reader, async ct => await OpenAsync(spec, fromCache: false, ct));
    }

    /// <summary>The parsed item, cached by URL in the plugin cache.</summary>
    public Task<StacItem> LoadItemAsync(string uri, CancellationToken cancellationToken) =>
        host.Cache.GetOrCreateAsync("stac-item:" + uri, 16 * 1024, ct => ReadItemAsync(uri, ct), cancellationToken);

    private async Task<StacItem> ReadItemAsync(string uri, CancellationToken cancellationToken)
    {
        using var json = await _loader.GetAsync(uri, cancellationToken);
        return StacItemParser.Parse(json.RootElement, uri);
    }
}
