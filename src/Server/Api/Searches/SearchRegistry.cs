using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// The registered searches: register one, find one by id (404 when unknown), open one as a mosaic. Searches never
/// change under their id (it hashes their content), so the ones looked up stay in a bounded memory cache.
/// </summary>
internal sealed class SearchRegistry(ISearchStore store, IPluginCatalog catalog) : IDisposable
{
    private const int CachedSearches = 10_000;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CachedSearches });

    /// <summary>
    /// Runs the search once before keeping it, so a search the STAC API or the STAC plugin refuses is refused here
    /// (422, 424) and the first tile finds its items cached; a search that finds no items today is kept.
    /// </summary>
    public async Task<RegisteredSearch> RegisterAsync(string stacApi, JsonObject search, JsonObject metadata, CancellationToken cancellationToken)
    {
        var registered = RegisteredSearch.Create(stacApi, search, metadata);
        try
        {
            await OpenAsync(registered, new Dictionary<string, string>(), cancellationToken);
        }
        catch (ResourceNotFoundException) when (catalog.FindSourceProvider(SearchProviderType) is not null)
        {
            // no items now; a STAC API gains items over time
        }
        await store.SaveAsync(registered, cancellationToken);
        Remember(registered);
        return registered;
    }

    /// <summary>
    /// Keeps a search a route built (a collection's: titiler-pgstac's <c>get_collection_id</c> registers it with
    /// pgstac's <c>search_query</c>), so it is listed and served under its id as a registered one. It is not run first,
    /// as <c>search_query</c> does not run it, and it is written once per process: its content never changes under its id.
    /// </summary>
    public async Task KeepAsync(RegisteredSearch search, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(search.Id, out _))
            return;
        await store.SaveAsync(search, cancellationToken);
        Remember(search);
    }

    /// <summary>The search registered under <paramref name="id"/>; <see cref="ResourceNotFoundException"/> (404) when there is none.</summary>
    public async Task<RegisteredSearch> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out RegisteredSearch? cached))
            return cached!;
        var found = RegisteredSearch.IsId(id) ? await store.FindAsync(id, cancellationToken) : null;
        if (found is null)
            throw new ResourceNotFoundException($"SearchId `{id}` not found (register it with POST /searches/register)");
        Remember(found);
        return found;
    }

    /// <summary>The source resolver of a search under the routes <paramref name="name"/> ("searches/{id}", "collections/{id}"): its mosaic with the request's assets, pixel_selection and datetime.</summary>
    public SearchSourceResolver Resolver(RegisteredSearch search, string name) => new(search, name, this);

    /// <summary>
    /// The search mosaicked by the STAC plugin's <c>stac-search</c> source (an <see cref="ITimedSource"/> of its
    /// items); <paramref name="options"/> are that source's options (assets, pixel_selection, datetime) over the search's own.
    /// </summary>
    public Task<IRasterSource> OpenAsync(RegisteredSearch search, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken)
    {
        var provider = catalog.FindSourceProvider(SearchProviderType)
            ?? throw new ResourceNotFoundException("the STAC plugin (source type 'stac-search') is not loaded, so /searches is not available");
        var merged = new Dictionary<string, string>(options) { ["search"] = search.SearchOption };
        return provider.OpenAsync(new SourceSpec(search.StacApi, merged), cancellationToken);
    }

    /// <summary>Every registered search, first registered first.</summary>
    public Task<IReadOnlyList<RegisteredSearch>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>The search's items whose bbox meets <paramref name="wgs84"/>, in search order; none when the search finds no items.</summary>
    public async Task<IReadOnlyList<SourceItem>> ItemsMeetingAsync(
        RegisteredSearch search, IReadOnlyDictionary<string, string> options, Bounds wgs84, CancellationToken cancellationToken)
    {
        IRasterSource source;
        try
        {
            source = await OpenAsync(search, options, cancellationToken);
        }
        catch (ResourceNotFoundException) when (catalog.FindSourceProvider(SearchProviderType) is not null)
        {
            return [];
        }
        return source is IItemSource items
            ? items.ItemsMeeting(wgs84)
            : throw new InvalidOperationException($"the '{SearchProviderType}' source of {search.StacApi} does not list its items");
    }

    public void Dispose() => _cache.Dispose();

    private const string SearchProviderType = "stac-search";

    private void Remember(RegisteredSearch search) => _cache.Set(search.Id, search, new MemoryCacheEntryOptions { Size = 1 });
}
