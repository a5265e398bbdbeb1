using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// <c>GET /searches/list</c> as titiler-pgstac's: the registered searches (all of type mosaic) whose metadata has
/// every other query parameter's value (<c>data=noaa</c>: <c>metadata.data</c> as text is "noaa"; a repeated one every
/// value), in registration order or by <c>sortby</c> (<c>[+|-]name,…</c> over metadata members as text, missing ones
/// as the greatest), a page of <c>limit</c> (1–1000, 10) from <c>offset</c> (0 or more), with self/next/prev links and
/// the returned/limit/matched context.
/// titiler-pgstac's <c>lastused</c> and <c>usecount</c> are pgstac's bookkeeping, which a STAC API store does not keep.
/// </summary>
internal static class SearchList
{
    private static readonly string[] PagingKeys = ["limit", "offset", "sortby"];

    public sealed record Page(IReadOnlyList<RegisteredSearch> Searches, int Matched, int Limit, int Offset);

    public static Page Select(IReadOnlyList<RegisteredSearch> searches, IQueryCollection query)
    {
        var limit = Paging(query, "limit", 1, 1000) ?? 10;
        var offset = Paging(query, "offset", 0, int.MaxValue) ?? 0;
        var filters = query.Where(p => !IsPagingKey(p.Key)).SelectMany(p => p.Value.Select(v => (p.Key, Value: v ?? ""))).ToList();
        var matched = searches.Where(s => filters.All(f => Text(s.Metadata[f.Key]) == f.Value));
        if (new QueryReader(query).String("sortby") is { Length: > 0 } sortby)
            matched = Sort(matched, sortby);
        var all = matched.ToList();
        return new Page([.. all.Skip(offset).Take(limit)], all.Count, limit, offset);
    }

    /// <summary>
    /// <c>limit</c> or <c>offset</c> as FastAPI reads an int query parameter with bounds: its last value, which must be
    /// an integer in range (an empty one too: 422), or null when absent.
    /// </summary>
    private static int? Paging(IQueryCollection query, string name, int min, int max) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? QueryReader.ParseInt(name, values[^1] ?? "", min, max) : null;

    private static bool IsPagingKey(string key) => PagingKeys.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// self, next and prev as titiler-pgstac 3.1's factory.py <c>list_searches</c> writes them: next (from the page's
    /// end) whenever the page holds fewer searches than matched, so on and after the last page too, prev (one limit
    /// back, at least 0) when the page does not start at 0; the request's other parameters kept.
    /// </summary>
    public static List<object> Links(HttpRequest request, Page page)
    {
        var list = $"{request.Scheme}://{request.Host}{request.PathBase}/searches/list";
        var links = new List<object> { new { rel = "self", href = $"{list}?{QueryWith(request.Query, page.Limit, page.Offset)}" } };
        if (page.Searches.Count < page.Matched)
            links.Add(new { rel = "next", href = $"{list}?{QueryWith(request.Query, page.Limit, page.Offset + page.Searches.Count)}" });
        if (page.Offset > 0)
            links.Add(new { rel = "prev", href = $"{list}?{QueryWith(request.Query, page.Limit, Math.Max(0, page.Offset - page.Limit))}" });
        return links;
    }

    private static IOrderedEnumerable<RegisteredSearch> Sort(IEnumerable<RegisteredSearch> searches, string sortby)
    {
        IOrderedEnumerable<RegisteredSearch>? sorted = null;
        foreach (var term in sortby.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var descending = term.StartsWith('-');
            var name = term.TrimStart('+', '-');
            if (name is "lastused" or "usecount")
                throw new InvalidParameterException("sortby", $"sortby: '{name}' is pgstac's use bookkeeping, which this server does not keep; sort by a metadata member");
            Func<RegisteredSearch, string?> key = s => Text(s.Metadata[name]);
            sorted = sorted is null
                ? descending ? searches.OrderByDescending(key, MissingGreatest.Instance) : searches.OrderBy(key, MissingGreatest.Instance)
                : descending ? sorted.ThenByDescending(key, MissingGreatest.Instance) : sorted.ThenBy(key, MissingGreatest.Instance);
        }
        return sorted ?? searches.OrderBy(_ => 0);
    }

    /// <summary>A metadata member as pgstac's <c>metadata-&gt;&gt;name</c>: a string's text, other JSON as written, null when absent.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>Ordinal text order with a missing value greater than any (PostgreSQL's default: last ascending, first descending).</summary>
    private sealed class MissingGreatest : IComparer<string?>
    {
        public static readonly MissingGreatest Instance = new();

        public int Compare(string? x, string? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(x, y),
        };
    }

    /// <summary>
    /// The request's query with <c>limit</c> and <c>offset</c> set, as Starlette's
    /// <c>QueryParams({**request.query_params, "limit": …, "offset": …})</c>: a given one keeps its place (once), a missing one goes last.
    /// </summary>
    private static string QueryWith(IQueryCollection query, int limit, int offset)
    {
        var paging = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var pairs = new List<(string Key, string Value)>();
        foreach (var (key, values) in query)
        {
            if (paging.TryGetValue(key, out var value))
                pairs.Add((key, value));
            else
                pairs.AddRange(values.Select(v => (key, v ?? "")));
        }
        pairs.AddRange(paging.Where(p => !query.ContainsKey(p.Key)).Select(p => (p.Key, p.Value)));
        return string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }
}
