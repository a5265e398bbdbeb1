using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OgcTiler.TestSupport.Stac;

/// <summary>
/// The loopback API's own, independent search evaluation: ids, collections, bbox, intersects (by the geometry's
/// bounding box), datetime (instant or range with ".."), query (eq neq lt lte gt gte in), a CQL2 comparison filter,
/// sortby, limit, and a "token" offset for paging (GET: in the next URL; POST: in a merged body).
/// </summary>
internal sealed record FixtureSearch(
    string[]? Ids, string[]? Collections, double[]? Bbox, string? Datetime, JsonObject? Query, JsonObject? Filter,
    string? SortField, bool Descending, int Limit, int Token, bool Post, JsonObject? Body, IQueryCollection? QueryString)
{
    public static FixtureSearch FromQuery(IQueryCollection q)
    {
        string? Get(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;
        var bbox = Get("bbox")?.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (Get("intersects") is { } geometry)
            bbox = GeometryBbox(JsonNode.Parse(geometry)!);
        var sort = Get("sortby");
        return new FixtureSearch(Get("ids")?.Split(','), Get("collections")?.Split(','), bbox, Get("datetime"),
            Get("query") is { } query ? (JsonObject)JsonNode.Parse(query)! : null,
            Get("filter") is { } filter ? (JsonObject)JsonNode.Parse(filter)! : null,
            sort?.TrimStart('+', '-'), sort?.StartsWith('-') == true, int.Parse(Get("limit") ?? "10"), int.Parse(Get("token") ?? "0"),
            false, null, q);
    }

    public static FixtureSearch FromBody(JsonObject body)
    {
        string[]? Strings(string key) => body[key]?.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        var bbox = body["bbox"]?.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        if (body["intersects"] is { } geometry)
            bbox = GeometryBbox(geometry);
        var sort = body["sortby"]?.AsArray().FirstOrDefault();
        return new FixtureSearch(Strings("ids"), Strings("collections"), bbox, body["datetime"]?.GetValue<string>(),
            body["query"] as JsonObject, body["filter"] as JsonObject, sort?["field"]?.GetValue<string>(),
            sort?["direction"]?.GetValue<string>() == "desc", body["limit"]?.GetValue<int>() ?? 10,
            body["token"]?.GetValue<int>() ?? 0, true, body, null);
    }

    public IEnumerable<JsonObject> Apply(IEnumerable<JsonObject> items)
    {
        var matched = items.Where(Matches);
        if (SortField is null)
            return matched;
        var field = SortField.Replace("properties.", "");
        var comparer = Comparer<JsonNode?>.Create(Order);
        return Descending ? matched.OrderByDescending(i => Property(i, field), comparer) : matched.OrderBy(i => Property(i, field), comparer);
    }

    public JsonObject NextLink(string searchUrl, int token)
    {
        if (Post)
            return new JsonObject { ["rel"] = "next", ["href"] = searchUrl, ["method"] = "POST", ["merge"] = true, ["body"] = new JsonObject { ["token"] = token } };
        var pairs = QueryString!.Where(p => p.Key != "token").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}");
        return new JsonObject { ["rel"] = "next", ["href"] = $"{searchUrl}?{string.Join('&', pairs.Append($"token={token}"))}" };
    }

    private bool Matches(JsonObject item)
    {
        if (Ids is not null && !Ids.Contains(item["id"]!.GetValue<string>()))
            return false;
        if (Collections is not null && !Collections.Contains(item["collection"]?.GetValue<string>()))
            return false;
        if (Bbox is { } b)
        {
            var ib = item["bbox"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
            if (ib[0] > b[2] || b[0] > ib[2] || ib[1] > b[3] || b[1] > ib[3])
                return false;
        }
        return MatchesDatetime(item) && MatchesQuery(item) && (Filter is null || Compare(item, Filter));
    }

    private bool MatchesDatetime(JsonObject item)
    {
        if (Datetime is null)
            return true;
        var value = DateTimeOffset.Parse(item["properties"]!["datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var parts = Datetime.Split('/');
        if (parts.Length == 1)
            return value == DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture);
        return (parts[0] is ".." or "" || value >= DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture))
            && (parts[1] is ".." or "" || value <= DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private bool MatchesQuery(JsonObject item) => Query is null || Query.All(q => ((JsonObject)q.Value!).All(op =>
    {
        var actual = Property(item, q.Key);
        return op.Key switch
        {
            "eq" => JsonNode.DeepEquals(actual, op.Value),
            "neq" => !JsonNode.DeepEquals(actual, op.Value),
            "in" => op.Value!.AsArray().Any(v => JsonNode.DeepEquals(actual, v)),
            _ => Order(actual, op.Value) is var c && op.Key switch { "lt" => c < 0, "lte" => c <= 0, "gt" => c > 0, "gte" => c >= 0, _ => throw new NotSupportedException(op.Key) },
        };
    }));

    private static bool Compare(JsonObject item, JsonObject filter)
    {
        var op = filter["op"]!.GetValue<string>();
        var args = filter["args"]!.AsArray();
        if (op == "and")
            return args.All(a => Compare(item, (JsonObject)a!));
        var c = Order(Property(item, args[0]!["property"]!.GetValue<string>()), args[1]);
        return op switch { "=" => c == 0, "<" => c < 0, "<=" => c <= 0, ">" => c > 0, ">=" => c >= 0, _ => throw new NotSupportedException(op) };
    }

    private static int Order(JsonNode? a, JsonNode? b) =>
        a is JsonValue av && av.TryGetValue<double>(out var x) && b is JsonValue bv && bv.TryGetValue<double>(out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a?.ToString(), b?.ToString());

    private static JsonNode? Property(JsonObject item, string name) => name == "id" ? item["id"] : item["properties"]![name];

    private static double[] GeometryBbox(JsonNode geometry)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        void Walk(JsonNode node)
        {
            if (node is JsonArray { Count: >= 2 } a && a[0] is JsonValue)
            {
                xs.Add(a[0]!.GetValue<double>());
                ys.Add(a[1]!.GetValue<double>());
                return;
            }
            foreach (var child in node.AsArray())
                Walk(child!);
        }
        Walk(geometry["coordinates"]!);
        return [xs.Min(), ys.Min(), xs.Max(), ys.Max()];
    }
}
