using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>
/// Reads the items of a static Catalog or Collection (following <c>item</c> and <c>child</c> links, depth first, in
/// link order) or of an ItemCollection file, keeping those that match ids, collections, bbox and datetime.
/// </summary>
internal sealed class StaticCatalogReader(StacDocumentLoader loader)
{
    private const int MaxDocuments = 2000;

    public async Task<IReadOnlyList<StacItem>> ReadAsync(string url, JsonElement document, StacSearchParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.ApiOnlyParameter is { } parameter)
            throw new InvalidParameterException(parameter, $"'{parameter}' needs a STAC API; {url} is a static catalog without a 'search' link");
        var items = new List<StacItem>();
        var visited = new HashSet<string>();
        await WalkAsync(url, document, parameters, items, visited, cancellationToken);
        return items;
    }

    private async Task WalkAsync(string url, JsonElement document, StacSearchParameters parameters, List<StacItem> items, HashSet<string> visited, CancellationToken cancellationToken)
    {
        if (!visited.Add(url) || visited.Count > MaxDocuments)
            return;
        switch (StacItemParser.Text(document, "type"))
        {
            case "Feature":
                Keep(StacItemParser.Parse(document, url), parameters, items);
                return;
            case "FeatureCollection":
                if (StacItemParser.Member(document, "features") is not { ValueKind: JsonValueKind.Array } features)
                    throw StacItemParser.Invalid(url, "is a FeatureCollection without a 'features' array");
                foreach (var feature in features.EnumerateArray())
                    Keep(StacItemParser.Parse(feature, url, useSelfLink: true), parameters, items);
                return;
            case "Catalog" or "Collection":
                foreach (var link in StacItemParser.Links(document))
                {
                    if (items.Count >= parameters.MaxItems)
                        return;
                    if (StacItemParser.Text(link, "rel") is "item" or "child" && StacItemParser.Text(link, "href") is { } href)
                    {
                        var target = HrefResolver.Resolve(url, href);
                        using var child = await loader.GetAsync(target, cancellationToken);
                        await WalkAsync(target, child.RootElement, parameters, items, visited, cancellationToken);
                    }
                }
                return;
            default:
                throw StacItemParser.Invalid(url, $"is not a STAC Catalog, Collection, ItemCollection or Item (type '{StacItemParser.Text(document, "type") ?? "missing"}')");
        }
    }

    private static void Keep(StacItem item, StacSearchParameters p, List<StacItem> items)
    {
        if (items.Count < p.MaxItems && Matches(item, p))
            items.Add(item);
    }

    private static bool Matches(StacItem item, StacSearchParameters p)
    {
        if (p.Ids is { } ids && !ids.Contains(item.Id))
            return false;
        if (p.Collections is { } collections && (item.Collection is null || !collections.Contains(item.Collection)))
            return false;
        if (p.Bbox is { } b && item.Bbox is { } box)
        {
            var half = b.Length / 2;
            if (!Antimeridian.Meet(box, new Bounds(b[0], b[1], b[half], b[half + 1])))
                return false;
        }
        return p.Datetime is not { } interval || (item.Datetime is { } dt && interval.Contains(dt));
    }
}
