using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>Writes search parameters as a POST /search body or a GET /search query string (STAC API 1.0).</summary>
internal static class SearchEncoding
{
    public static JsonObject PostBody(StacSearchParameters p, int pageSize)
    {
        var body = new JsonObject();
        if (p.Collections is { } collections)
            body["collections"] = new JsonArray([.. collections.Select(c => JsonValue.Create(c))]);
        if (p.Ids is { } ids)
            body["ids"] = new JsonArray([.. ids.Select(i => JsonValue.Create(i))]);
        if (p.Bbox is { } bbox)
            body["bbox"] = new JsonArray([.. bbox.Select(v => JsonValue.Create(v))]);
        if (p.Intersects is { } geometry)
            body["intersects"] = geometry.DeepClone();
        if (p.Datetime is { } datetime)
            body["datetime"] = datetime.Text;
        if (p.Query is { } query)
            body["query"] = query.DeepClone();
        if (p.Filter is { } filter)
        {
            body["filter"] = filter.DeepClone();
            body["filter-lang"] = "cql2-json";
        }
        if (p.SortBy is { } sortBy)
            body["sortby"] = new JsonArray([.. sortBy.Select(s => new JsonObject { ["field"] = s.Field, ["direction"] = s.Descending ? "desc" : "asc" })]);
        if (p.Fields is { } fields)
            body["fields"] = new JsonObject
            {
                ["include"] = new JsonArray([.. fields.Include.Select(f => JsonValue.Create(f))]),
                ["exclude"] = new JsonArray([.. fields.Exclude.Select(f => JsonValue.Create(f))]),
            };
        body["limit"] = pageSize;
        return body;
    }

    public static string QueryString(StacSearchParameters p, int pageSize)
    {
        var pairs = new List<(string, string)>();
        if (p.Collections is { } collections)
            pairs.Add(("collections", string.Join(',', collections)));
        if (p.Ids is { } ids)
            pairs.Add(("ids", string.Join(',', ids)));
        if (p.Bbox is { } bbox)
            pairs.Add(("bbox", string.Join(',', bbox.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        if (p.Intersects is { } geometry)
            pairs.Add(("intersects", geometry.ToJsonString()));
        if (p.Datetime is { } datetime)
            pairs.Add(("datetime", datetime.Text));
        if (p.Query is { } query)
            pairs.Add(("query", query.ToJsonString()));
        if (p.Filter is { } filter)
        {
            pairs.Add(("filter", filter.ToJsonString()));
            pairs.Add(("filter-lang", "cql2-json"));
        }
        if (p.SortBy is { } sortBy)
            pairs.Add(("sortby", string.Join(',', sortBy.Select(s => (s.Descending ? "-" : "+") + s.Field))));
        if (p.Fields is { } fields)
            pairs.Add(("fields", string.Join(',', fields.Include.Concat(fields.Exclude.Select(f => "-" + f)))));
        pairs.Add(("limit", pageSize.ToString(CultureInfo.InvariantCulture)));
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
            text.Append(text.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        return text.ToString();
    }
}
