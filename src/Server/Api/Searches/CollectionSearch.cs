using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Searches.Cql2;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// titiler-pgstac's <c>/collections/{collection_id}</c> search (dependencies.py <c>get_collection_id</c>):
/// <c>{collections: [id]}</c> with the request's <c>ids</c> (comma list), <c>bbox</c> (4 or 6 numbers within WGS84,
/// west &lt;= east), <c>datetime</c>, <c>query</c> (JSON), <c>sortby</c> (<c>[+|-]field,…</c>) and <c>filter</c>
/// (CQL2 text, the default <c>filter-lang</c>, converted to CQL2 JSON; or CQL2 JSON with <c>filter-lang=cql2-json</c>), and the metadata titiler-pgstac derives from the collection:
/// its name, its bounds (the bbox, else the collection's first extent box), its <c>item_assets</c> names and its
/// <c>renders</c> as named defaults.
/// </summary>
internal static class CollectionSearch
{
    /// <summary>The query parameters that define the search; every other one is a render or tile parameter.</summary>
    public static readonly string[] Keys = ["ids", "bbox", "datetime", "query", "sortby", "filter", "filter-lang"];

    public static JsonObject Search(string collectionId, IQueryCollection query)
    {
        string? Get(string key) => query[key].LastOrDefault() is { Length: > 0 } value ? value : null;
        var search = new JsonObject { ["collections"] = new JsonArray(collectionId) };
        if (Get("ids") is { } ids)
            search["ids"] = new JsonArray([.. ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(i => JsonValue.Create(i))]);
        if (Get("bbox") is { } bbox)
            search["bbox"] = new JsonArray([.. Bbox(bbox).Select(v => JsonValue.Create(v))]);
        if (Get("datetime") is { } datetime)
        {
            DatetimeNarrowing.Narrow(null, datetime);   // validates it
            search["datetime"] = datetime;
        }
        if (Get("query") is { } text)
            search["query"] = Query(text);
        if (Get("sortby") is { } sortby)
            search["sortby"] = SortBy(sortby);
        if (Filter(Get("filter"), Get("filter-lang") ?? "cql2-text") is { } filter)
        {
            search["filter"] = filter;
            search["filter-lang"] = "cql2-json";
        }
        return search;
    }

    /// <summary>The mosaic metadata of the collection document (a STAC Collection) and the search built for it.</summary>
    public static JsonObject Metadata(string collectionId, JsonObject search, JsonElement collection)
    {
        var metadata = new JsonObject
        {
            ["type"] = "mosaic",
            ["bounds"] = search["bbox"]?.DeepClone() ?? ExtentBox(collection),
            ["name"] = $"Mosaic for '{collectionId}' Collection",
        };
        if (collection.TryGetProperty("item_assets", out var itemAssets) && itemAssets.ValueKind == JsonValueKind.Object)
            metadata["assets"] = new JsonArray([.. itemAssets.EnumerateObject().Select(a => JsonValue.Create(a.Name))]);
        if (collection.TryGetProperty("renders", out var renders) && renders.ValueKind == JsonValueKind.Object)
            metadata["defaults"] = Defaults(renders);
        return metadata;
    }

    private static JsonNode ExtentBox(JsonElement collection) =>
        collection.TryGetProperty("extent", out var extent) && extent.TryGetProperty("spatial", out var spatial)
        && spatial.TryGetProperty("bbox", out var boxes) && boxes.ValueKind == JsonValueKind.Array && boxes.GetArrayLength() > 0
            ? JsonNode.Parse(boxes[0].GetRawText())!
            : new JsonArray(-180, -90, 180, 90);

    /// <summary>The render extension's renders as titiler-pgstac keeps them: no <c>title</c> or <c>tilematrixsets</c>, <c>minmax_zoom</c> as minzoom/maxzoom.</summary>
    private static JsonObject Defaults(JsonElement renders)
    {
        var defaults = new JsonObject();
        foreach (var render in renders.EnumerateObject().Where(r => r.Value.ValueKind == JsonValueKind.Object))
        {
            var options = (JsonObject)JsonNode.Parse(render.Value.GetRawText())!;
            options.Remove("title");
            options.Remove("tilematrixsets");
            if (options["minmax_zoom"] is JsonArray { Count: 2 } zooms)
            {
                options["minzoom"] = zooms[0]?.DeepClone();
                options["maxzoom"] = zooms[1]?.DeepClone();
            }
            options.Remove("minmax_zoom");
            defaults[render.Name] = options;
        }
        return defaults;
    }

    /// <summary>titiler-pgstac's validation.py <c>validate_bbox</c>: 4 or 6 numbers, min &lt;= max on each axis, within (-180, -90, 180, 90).</summary>
    private static double[] Bbox(string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InvalidParameterException("bbox", $"bbox '{text}': Bounding box must be a comma-separated list of numbers");
        }
        if (values.Length is not (4 or 6))
            throw new InvalidParameterException("bbox", $"bbox '{text}': Bounding box must have 4 or 6 numbers");
        var half = values.Length / 2;
        var (west, south, east, north) = (values[0], values[1], values[half], values[half + 1]);
        if (values.Length == 6 && values[5] < values[2])
            throw new InvalidParameterException("bbox", $"bbox '{text}': Maximum elevation must be greater than minimum elevation");
        if (east < west || north < south)
            throw new InvalidParameterException("bbox", $"bbox '{text}': the maximum must be greater than the minimum on each axis");
        if (west < -180 || south < -90 || east > 180 || north > 90)
            throw new InvalidParameterException("bbox", $"bbox '{text}': Bounding box must be within (-180, -90, 180, 90)");
        return values;
    }

    /// <summary>A STAC query object: each property's value an object of operators (the STAC plugin checks the operators).</summary>
    private static JsonObject Query(string text)
    {
        var query = Json("query", text) as JsonObject
            ?? throw new InvalidParameterException("query", "query must be a JSON object ({\"eo:cloud_cover\": {\"lt\": 10}})");
        foreach (var (property, operators) in query)
        {
            if (operators is not JsonObject { Count: > 0 })
                throw new InvalidParameterException("query", $"query: '{property}' must hold an object of operators ({{\"lt\": 10}}), not {operators?.ToJsonString() ?? "null"}");
        }
        return query;
    }

    private static JsonArray SortBy(string text) => new([.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(term => (JsonNode)new JsonObject
        {
            ["field"] = term.TrimStart('+', '-').Trim(),
            ["direction"] = term.StartsWith('-') ? "desc" : "asc",
        })]);

    private static JsonObject? Filter(string? text, string language)
    {
        if (language is not ("cql2-text" or "cql2-json"))
            throw new InvalidParameterException("filter-lang", $"filter-lang '{language}' is not 'cql2-text' or 'cql2-json'");
        if (text is null)
            return null;
        if (language == "cql2-text")
            return Cql2Text.ToJson(text);
        return Json("filter", text) is JsonObject filter && filter["op"] is JsonValue
            ? filter
            : throw new InvalidParameterException("filter", "filter must be a CQL2 JSON expression, an object with 'op' and 'args'");
    }

    private static JsonNode Json(string parameter, string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidParameterException(parameter, $"{parameter} is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException(parameter, $"{parameter} is not valid JSON: {e.Message}");
        }
    }
}
