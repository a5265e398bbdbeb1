using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// The searches of <c>/collections/{collection_id}</c> against the configured STAC API (<c>Searches:StacApi</c>):
/// the collection's document is read from <c>{api}/collections/{id}</c> (the API root being <c>StacApi</c> without a
/// trailing <c>/search</c>) and kept five minutes (titiler-pgstac's cache TTL), so a tile costs no extra request.
/// A collection the API does not know (404) is titiler-pgstac's 404 "CollectionId `id` not found". Each request builds
/// its search, and the search is kept in the search store as titiler-pgstac registers it in pgstac (dependencies.py
/// <c>get_collection_id</c> → <c>register_search_in_db</c>), so it is in the search list and served under
/// <c>/searches/{hash}</c>; a request refused (422, 404) keeps nothing.
/// </summary>
internal sealed class CollectionSearches(ServerOptions options, IHttpClientFactory http, IAccessPolicy policy, SearchRegistry registry) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 1024 });

    public async Task<RegisteredSearch> GetAsync(string collectionId, IQueryCollection query, CancellationToken cancellationToken)
    {
        var api = options.Searches.StacApi
            ?? throw new ResourceNotFoundException($"CollectionId `{collectionId}` not found: no STAC API is configured (Searches:StacApi)");
        var search = CollectionSearch.Search(collectionId, query);
        var collection = await DocumentAsync(api, collectionId, cancellationToken);
        var registered = RegisteredSearch.Create(api, search, CollectionSearch.Metadata(collectionId, search, collection));
        await registry.KeepAsync(registered, cancellationToken);
        return registered;
    }

    public void Dispose() => _documents.Dispose();

    private async Task<JsonElement> DocumentAsync(string api, string collectionId, CancellationToken cancellationToken)
    {
        var url = $"{Root(api)}/collections/{Uri.EscapeDataString(collectionId)}";
        if (_documents.TryGetValue(url, out JsonElement cached))
            return cached;
        var document = await FetchAsync(url, collectionId, cancellationToken);
        _documents.Set(url, document, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return document;
    }

    private async Task<JsonElement> FetchAsync(string url, string collectionId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.CreateClient(UpstreamHttp.ClientName).GetAsync(policy.EnsureAllowed(url), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new ResourceNotFoundException($"CollectionId `{collectionId}` not found");
            if (!response.IsSuccessStatusCode)
                throw new UpstreamException($"the STAC API answered {(int)response.StatusCode} {response.ReasonPhrase} for {url}", (int)response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out _)
                ? json.RootElement.Clone()
                : throw new UpstreamException($"{url} is not a STAC Collection (a JSON object with an id)");
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamException($"the STAC API did not answer for {url}: {e.Message}", null, e);
        }
        catch (JsonException e)
        {
            throw new UpstreamException($"{url} is not JSON: {e.Message}", null, e);
        }
    }

    /// <summary>The API's root: <c>StacApi</c> without its <c>/search</c> path or query.</summary>
    private static string Root(string api)
    {
        var path = api.Split('?')[0].TrimEnd('/');
        return path.EndsWith("/search", StringComparison.Ordinal) ? path[..^"/search".Length] : path;
    }
}
