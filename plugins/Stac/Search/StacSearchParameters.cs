using System.Globalization;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>A STAC API item search: the core and extension parameters, the HTTP method and the cap on items.</summary>
internal sealed record StacSearchParameters(
    IReadOnlyList<string>? Collections,
    IReadOnlyList<string>? Ids,
    double[]? Bbox,
    JsonObject? Intersects,
    DatetimeInterval? Datetime,
    JsonObject? Query,
    JsonObject? Filter,
    IReadOnlyList<SortField>? SortBy,
    FieldsSpec? Fields,
    int? Limit,
    HttpMethod Method,
    int MaxItems)
{
    public const int DefaultMaxItems = 100;
    public const int MaxItemsLimit = 1000;

    public static StacSearchParameters Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, HttpMethod.Post, DefaultMaxItems);

    /// <summary>The parameters that only a STAC API evaluates (a static catalog cannot).</summary>
    public string? ApiOnlyParameter =>
        Intersects is not null ? "intersects" : Query is not null ? "query" : Filter is not null ? "filter"
        : SortBy is not null ? "sortby" : Fields is not null ? "fields" : null;
}

internal sealed record SortField(string Field, bool Descending);

internal sealed record FieldsSpec(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

/// <summary>The query extension's operators.</summary>
internal static class QueryOperators
{
    public static readonly string[] Names = ["eq", "neq", "lt", "lte", "gt", "gte", "in"];

    /// <summary>Checks a query object: {"property": {"op": value, ...}, ...}.</summary>
    public static JsonObject Validate(JsonObject query)
    {
        foreach (var (property, node) in query)
        {
            if (node is not JsonObject ops || ops.Count == 0)
                throw new InvalidParameterException("query", $"query property '{property}' must map to an object of operators ({string.Join(", ", Names)})");
            foreach (var (op, value) in ops)
            {
                if (!Names.Contains(op))
                    throw new InvalidParameterException("query", $"query operator '{op}' on '{property}' is not one of {string.Join(", ", Names)}");
                if (op == "in" && value is not JsonArray)
                    throw new InvalidParameterException("query", $"query operator 'in' on '{property}' needs an array of values");
                if (op != "in" && value is not JsonValue)
                    throw new InvalidParameterException("query", $"query operator '{op}' on '{property}' needs a number or a string");
            }
        }
        return query;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
