using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// A STAC API search registered under an id (titiler-pgstac's model): the API's URL, the search body and the
/// metadata. The id hashes all three in a canonical form (object keys sorted), so registering the same search twice
/// gives the same id, whatever the order of its members.
/// </summary>
internal sealed record RegisteredSearch(string Id, string StacApi, JsonObject Search, JsonObject Metadata)
{
    public static RegisteredSearch Create(string stacApi, JsonObject search, JsonObject metadata) =>
        new(IdOf(stacApi, search, metadata), stacApi, search, metadata);

    /// <summary>The search body as the <c>stac-search</c> source's <c>search</c> option, written once rather than per tile.</summary>
    public string SearchOption { get; } = Search.ToJsonString();

    private static string IdOf(string stacApi, JsonObject search, JsonObject metadata)
    {
        var text = stacApi + "\n" + Canonical(search).ToJsonString() + "\n" + Canonical(metadata).ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    /// <summary>Ids are 32 lower-case hex digits: anything else is no id (and never names a file or key).</summary>
    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["stac_api"] = StacApi,
        ["search"] = Search.DeepClone(),
        ["metadata"] = Metadata.DeepClone(),
    };

    public static RegisteredSearch FromJson(JsonObject json) => new(
        json["id"]!.GetValue<string>(),
        json["stac_api"]!.GetValue<string>(),
        (JsonObject)json["search"]!.DeepClone(),
        (JsonObject)json["metadata"]!.DeepClone());

    private static JsonObject Canonical(JsonObject node) => (JsonObject)Sorted(node)!;

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
