using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Plugins;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>
/// Runs an item search against a STAC API (<c>…/search</c>, or a landing page with a <c>search</c> link), following
/// <c>next</c> links (GET, or POST with the link's <c>body</c>, merged into the current body when <c>merge</c> is true)
/// until the cap on items; a static Catalog, Collection or ItemCollection is read and filtered locally instead.
/// </summary>
internal sealed class StacSearchClient(IPluginHost host)
{
    private const int MaxPageSize = 100;
    private readonly StacDocumentLoader _loader = new(host);

    public async Task<IReadOnlyList<StacItem>> SearchAsync(string url, StacSearchParameters parameters, CancellationToken cancellationToken)
    {
        if (IsSearchEndpoint(url))
            return await SearchApiAsync(url, parameters, cancellationToken);
        using var document = await _loader.GetAsync(url, cancellationToken);
        if (StacItemParser.Link(document.RootElement, "search") is { } searchLink && StacItemParser.Text(searchLink, "href") is { } href)
            return await SearchApiAsync(HrefResolver.Resolve(url, href), parameters, cancellationToken);
        return await new StaticCatalogReader(_loader).ReadAsync(url, document.RootElement, parameters, cancellationToken);
    }

    private static bool IsSearchEndpoint(string url) =>
        HrefResolver.IsHttp(url) && new Uri(url).AbsolutePath.TrimEnd('/').EndsWith("/search", StringComparison.Ordinal);

    private async Task<IReadOnlyList<StacItem>> SearchApiAsync(string searchUrl, StacSearchParameters parameters, CancellationToken cancellationToken)
    {
        var pageSize = parameters.Limit ?? Math.Min(parameters.MaxItems, MaxPageSize);
        var page = parameters.Method == HttpMethod.Get
            ? new PageRequest(HttpMethod.Get, searchUrl.Split('?')[0] + SearchEncoding.QueryString(parameters, pageSize), null, null)
            : new PageRequest(HttpMethod.Post, searchUrl, SearchEncoding.PostBody(parameters, pageSize), null);
        var items = new List<StacItem>();
        var requested = new HashSet<string>();
        while (requested.Add(page.Key))
        {
            using var document = await _loader.SendAsync(page.Method, page.Url, page.Body, page.Headers, cancellationToken);
            var response = document.RootElement;
            if (StacItemParser.Member(response, "features") is not { ValueKind: JsonValueKind.Array } features)
                throw new UpstreamException($"STAC search {page.Method} {page.Url} did not return an ItemCollection (no 'features' array)");
            foreach (var feature in features.EnumerateArray())
            {
                if (feature.ValueKind != JsonValueKind.Object)
                    throw new UpstreamException($"STAC search {page.Url} returned a feature that is not an object");
                items.Add(StacItemParser.Parse(feature, page.Url, useSelfLink: true));
                if (items.Count == parameters.MaxItems)
                {
                    host.LogInformation($"STAC search {searchUrl} stopped at max_items={parameters.MaxItems}");
                    return items;
                }
            }
            if (features.GetArrayLength() == 0 || NextPage(response, page) is not { } next)
                break;
            page = next;
        }
        return items;
    }

    private static PageRequest? NextPage(JsonElement response, PageRequest current)
    {
        if (StacItemParser.Link(response, "next") is not { } link || StacItemParser.Text(link, "href") is not { } href)
            return null;
        var url = HrefResolver.Resolve(current.Url, href);
        var headers = StacItemParser.Member(link, "headers") is { ValueKind: JsonValueKind.Object } h
            ? h.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                .ToDictionary(p => p.Name, p => p.Value.ToString())
            : null;
        if (!string.Equals(StacItemParser.Text(link, "method"), "POST", StringComparison.OrdinalIgnoreCase))
            return new PageRequest(HttpMethod.Get, url, null, headers);
        // The body outlives the response document, so it is copied into a mutable node.
        var body = StacItemParser.Member(link, "body") is { ValueKind: JsonValueKind.Object } b ? JsonNode.Parse(b.GetRawText()) as JsonObject : null;
        var merge = StacItemParser.Member(link, "merge") is { ValueKind: JsonValueKind.True };
        return new PageRequest(HttpMethod.Post, url, merge || body is null ? Merge(current.Body, body) : (JsonObject)body.DeepClone(), headers);
    }

    private static JsonObject Merge(JsonObject? current, JsonObject? changes)
    {
        var merged = (JsonObject?)current?.DeepClone() ?? [];
        foreach (var (key, value) in changes ?? [])
            merged[key] = value?.DeepClone();
        return merged;
    }

    private sealed record PageRequest(HttpMethod Method, string Url, JsonObject? Body, IReadOnlyDictionary<string, string>? Headers)
    {
        public string Key => $"{Method} {Url} {Body?.ToJsonString()}";
    }
}
