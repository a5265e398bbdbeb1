using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// The body of <c>POST /searches/register</c>: a STAC API item search (<c>collections</c>, <c>ids</c>,
/// <c>bbox</c>/<c>intersects</c>, <c>datetime</c>, <c>query</c>, <c>filter</c>, <c>sortby</c>…) and an optional
/// <c>metadata</c> object (titiler-pgstac's: <c>name</c>, <c>minzoom</c>/<c>maxzoom</c>, <c>defaults</c> render
/// options per named layer), whose <c>type</c> is <c>mosaic</c>.
/// </summary>
internal static class SearchRegistration
{
    private static readonly string[] SearchKeys =
        ["collections", "ids", "bbox", "intersects", "datetime", "query", "filter", "filter-lang", "sortby", "fields", "limit"];

    public static async Task<(JsonObject Search, JsonObject Metadata)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var json = await ParseAsync(body, cancellationToken);
        var metadata = json["metadata"] switch
        {
            null => new JsonObject(),
            JsonObject m => (JsonObject)m.DeepClone(),
            _ => throw new InvalidParameterException("metadata", "metadata must be a JSON object"),
        };
        metadata["type"] = "mosaic";
        if (metadata["defaults"] is { } defaults && defaults is not JsonObject)
            throw new InvalidParameterException("metadata", "metadata.defaults must be an object of named render options ({\"true_color\": {\"assets\": [\"B04\", \"B03\", \"B02\"]}})");
        var search = new JsonObject();
        foreach (var (key, value) in json)
        {
            if (key == "metadata")
                continue;
            if (!SearchKeys.Contains(key))
                throw new InvalidParameterException(key, $"'{key}' is not a STAC API search parameter ({string.Join(", ", SearchKeys)}) or 'metadata'");
            search[key] = value?.DeepClone();
        }
        return (search, metadata);
    }

    private static async Task<JsonObject> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(body, cancellationToken: cancellationToken) as JsonObject
                ?? throw new InvalidParameterException("body", "the body must be a JSON object (a STAC API search)");
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException("body", $"the body is not valid JSON: {e.Message}");
        }
    }
}
