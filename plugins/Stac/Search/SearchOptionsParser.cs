using System.Globalization;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>
/// Builds <see cref="StacSearchParameters"/> from source options: <c>search</c> (a whole POST body as JSON) and/or the
/// single parameters <c>collections ids bbox intersects datetime query filter filter-lang sortby fields limit</c>
/// (a single option wins over the same key in <c>search</c>), plus <c>method</c> (POST, GET) and <c>max_items</c>.
/// </summary>
internal static class SearchOptionsParser
{
    /// <summary>Every option key <see cref="Parse"/> reads.</summary>
    public static readonly string[] Keys =
        ["search", "collections", "ids", "bbox", "intersects", "datetime", "query", "filter", "filter-lang", "sortby", "fields", "limit", "method", "max_items"];

    private static readonly string[] GeometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    public static StacSearchParameters Parse(IReadOnlyDictionary<string, string> options)
    {
        var search = SourceOptions.Get(options, "search") is { } text
            ? SourceOptions.Json("search", text) as JsonObject ?? throw new InvalidParameterException("search", "'search' must be a JSON object (a STAC API POST /search body)")
            : [];
        string? Raw(string key) => SourceOptions.Get(options, key) ?? search[key] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var node => node.ToJsonString(),
        };
        var merged = new Dictionary<string, string>();
        foreach (var key in (string[])["collections", "ids"])
        {
            if (Raw(key) is { } value)
                merged[key] = value;
        }
        var bbox = Raw("bbox") is { } b ? Bbox(b) : null;
        var intersects = Raw("intersects") is { } g ? Geometry(g) : null;
        if (bbox is not null && intersects is not null)
            throw new InvalidParameterException("bbox", "bbox and intersects cannot both be given");
        var filterLang = Raw("filter-lang");
        if (filterLang is not null && filterLang != "cql2-json")
            throw new InvalidParameterException("filter-lang", $"filter-lang '{filterLang}' is not supported; give the filter as CQL2 JSON (cql2-json)");
        return new StacSearchParameters(
            SourceOptions.List(merged, "collections"),
            SourceOptions.List(merged, "ids"),
            bbox,
            intersects,
            Raw("datetime") is { } dt ? DatetimeInterval.Parse(dt) : null,
            Raw("query") is { } q ? QueryOperators.Validate(Object("query", q)) : null,
            Raw("filter") is { } f ? Filter(f) : null,
            Raw("sortby") is { } s ? SortBy(s) : null,
            Raw("fields") is { } fl ? Fields(fl) : null,
            Raw("limit") is { } l ? Integer("limit", l, 1, 10000) : null,
            Method(SourceOptions.Get(options, "method")),
            SourceOptions.Get(options, "max_items") is { } m ? Integer("max_items", m, 1, StacSearchParameters.MaxItemsLimit) : StacSearchParameters.DefaultMaxItems);
    }

    private static double[] Bbox(string text)
    {
        var parts = text.TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InvalidParameterException("bbox", $"bbox '{text}' has '{parts[i]}', which is not a number");
        }
        if (values.Length is not (4 or 6))
            throw new InvalidParameterException("bbox", $"bbox '{text}' must have 4 numbers (minx,miny,maxx,maxy) or 6 with heights");
        var half = values.Length / 2;
        var (minY, maxY) = (values[1], values[half + 1]);
        if (minY > maxY || minY < -90 || maxY > 90 || Math.Abs(values[0]) > 180 || Math.Abs(values[half]) > 180)
            throw new InvalidParameterException("bbox", $"bbox '{text}' is not a WGS84 box (longitudes -180..180, latitudes -90..90, miny <= maxy)");
        return values;
    }

    private static JsonObject Geometry(string text)
    {
        var geometry = Object("intersects", text);
        var type = geometry["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type is null || !GeometryTypes.Contains(type) || (geometry["coordinates"] is null && geometry["geometries"] is null))
            throw new InvalidParameterException("intersects", $"intersects must be a GeoJSON geometry ({string.Join(", ", GeometryTypes)}) with coordinates");
        return geometry;
    }

    private static JsonObject Filter(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
            throw new InvalidParameterException("filter", "filter must be CQL2 JSON (an object such as {\"op\": \"<\", \"args\": [...]})");
        var filter = Object("filter", text);
        return filter["op"] is not null ? filter : throw new InvalidParameterException("filter", "filter is CQL2 JSON without an 'op'");
    }

    private static IReadOnlyList<SortField> SortBy(string text)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(f => new SortField(f.TrimStart('+', '-'), f.StartsWith('-')))];
        }
        return [.. ((JsonArray)SourceOptions.Json("sortby", text)).Select(n => n is JsonObject o && o["field"] is JsonValue field
            ? new SortField(field.GetValue<string>(), Direction(o["direction"]?.GetValue<string>()))
            : throw new InvalidParameterException("sortby", "sortby entries must be {\"field\": ..., \"direction\": \"asc\"|\"desc\"}"))];
    }

    private static bool Direction(string? direction) => direction switch
    {
        null or "asc" => false,
        "desc" => true,
        _ => throw new InvalidParameterException("sortby", $"sortby direction '{direction}' is not 'asc' or 'desc'"),
    };

    private static FieldsSpec Fields(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new FieldsSpec([.. names.Where(n => !n.StartsWith('-')).Select(n => n.TrimStart('+'))],
                [.. names.Where(n => n.StartsWith('-')).Select(n => n[1..])]);
        }
        var json = Object("fields", text);
        IReadOnlyList<string> Names(string key) => json[key] is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];
        return new FieldsSpec(Names("include"), Names("exclude"));
    }

    private static JsonObject Object(string key, string text) =>
        SourceOptions.Json(key, text) as JsonObject ?? throw new InvalidParameterException(key, $"'{key}' must be a JSON object");

    private static int Integer(string key, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidParameterException(key, $"'{key}' must be an integer from {min} to {max}, not '{text}'");

    private static HttpMethod Method(string? text) => text?.ToUpperInvariant() switch
    {
        null or "POST" => HttpMethod.Post,
        "GET" => HttpMethod.Get,
        _ => throw new InvalidParameterException("method", $"method '{text}' is not GET or POST"),
    };
}
