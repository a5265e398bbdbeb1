using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Search;

namespace OgcTiler.Plugins.Stac.Mosaic;

/// <summary>
/// Source type <c>stac-search</c>: a saved search mosaicked per read. <see cref="SourceSpec.Url"/> is a STAC API
/// (its /search or landing page) or a static catalog; options hold the search (see <see cref="SearchOptionsParser"/>),
/// <c>pixel_selection</c> (first, highest, lowest, mean, median, count; default first) and <c>assets</c>.
/// The search runs once per distinct spec; its items are kept in the plugin cache.
/// </summary>
internal sealed class StacSearchProvider(IPluginHost host) : ISourceProvider
{
    private readonly StacSearchClient _client = new(host);
    private readonly ItemReader _reader = new(host.Rasters);

    public string Type => "stac-search";

    public IReadOnlyCollection<string> OptionKeys { get; } = [.. SearchOptionsParser.Keys, "pixel_selection", "assets"];

    public async Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        await OpenAsync(spec, fromCache: true, cancellationToken);

    /// <param name="fromCache">false runs the search again (a time-enabled layer's refresh) and keeps its result.</param>
    private async Task<MosaicSource> OpenAsync(SourceSpec spec, bool fromCache, CancellationToken cancellationToken)
    {
        var original = spec;
        spec = WithUrlQueryAsOptions(spec);
        var parameters = SearchOptionsParser.Parse(spec.Options);
        var pixelSelection = PixelSelection.Validate(SourceOptions.Get(spec.Options, "pixel_selection") ?? "first");
        var assetNames = SourceOptions.List(spec.Options, "assets");
        var search = $"{parameters.Method} {SearchEncoding.PostBody(parameters, parameters.Limit ?? 0).ToJsonString()} max_items={parameters.MaxItems}";
        var items = fromCache
            ? await host.Cache.GetOrCreateAsync($"stac-search:{spec.Url} {search}", 8192L * parameters.MaxItems,
                ct => _client.SearchAsync(spec.Url, parameters, ct), cancellationToken)
            : await _client.SearchAsync(spec.Url, parameters, cancellationToken);
        if (items.Count == 0)
            throw new ResourceNotFoundException($"STAC search {spec.Url} returned no items for {search}");
        var assets = AssetBand.DefaultAssets(items[0], assetNames);
        var info = Combine(items, await ItemInfo.DescribeAsync(items[0], assets, host.Rasters, cancellationToken));
        var id = $"{spec.Url} {search} pixel_selection={pixelSelection} assets={string.Join(',', assets.Select(a => a.Name))}";
        return new MosaicSource(id, items, info, pixelSelection, _reader,
            async ct => await OpenAsync(original, fromCache: false, ct));
    }

    /// <summary>
    /// The first item's description widened to every item: native bounds when all items share its CRS and say where
    /// they are, otherwise WGS84 bounds (resolution converted at ~111 km per degree when the first item is projected).
    /// The WGS84 bounds unite the items around the globe (<see cref="Antimeridian.Union"/>): items on both sides of
    /// 180° give one box across it, with continuous longitudes as the engine's footprints have them.
    /// </summary>
    private static SourceInfo Combine(IReadOnlyList<StacItem> items, SourceInfo first)
    {
        var wgs84 = Antimeridian.Union(items.Select(i => i.Bbox ?? first.Wgs84Bounds));
        var native = items.Select(i => i.NativeBoundsIn(first.Crs)).ToArray();
        if (native.All(b => b is not null))
        {
            var bounds = native.Select(b => b!.Value).Aggregate(Bounds.Union);
            return first with { NativeBounds = bounds, Wgs84Bounds = wgs84, Width = Pixels(bounds.Width, first.NativeResolution), Height = Pixels(bounds.Height, first.NativeResolution) };
        }
        var resolution = GridFootprint.Wgs84(new TargetGrid(first.Crs, 0, 0, 1, 1, 1, 1)) is null ? first.NativeResolution / 111_320 : first.NativeResolution;
        return first with
        {
            Crs = "EPSG:4326", NativeBounds = wgs84, Wgs84Bounds = wgs84, NativeResolution = resolution,
            Width = Pixels(wgs84.Width, resolution), Height = Pixels(wgs84.Height, resolution),
        };
    }


    /// <summary>A saved search URL ("…/search?collections=a&amp;bbox=…") gives its query parameters as defaults for the options.</summary>
    private static SourceSpec WithUrlQueryAsOptions(SourceSpec spec)
    {
        var query = spec.Url.IndexOf('?');
        if (query < 0 || !HrefResolver.IsHttp(spec.Url))
            return spec;
        var options = new Dictionary<string, string>(spec.Options, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in spec.Url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=') is var eq and >= 0 ? (pair[..eq], pair[(eq + 1)..]) : (pair, "");
            options.TryAdd(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
        return new SourceSpec(spec.Url[..query], options);
    }

    private static int Pixels(double extent, double resolution) => (int)Math.Max(1, Math.Round(extent / resolution));
}
