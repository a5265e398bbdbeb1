using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>
/// Reads STAC 1.0 / 1.1 Items (with the projection and raster extensions) from a parsed JSON document, taking only the
/// members the plugin uses; the document can be disposed once the item is parsed.
/// </summary>
internal static class StacItemParser
{
    public static bool IsItem(JsonElement json) => Text(json, "type") == "Feature";

    /// <summary>
    /// Parses an Item read from <paramref name="documentUri"/>. Items inside a search response or an ItemCollection
    /// (<paramref name="useSelfLink"/>) resolve relative hrefs against their own absolute self link when they have one.
    /// </summary>
    public static StacItem Parse(JsonElement json, string documentUri, bool useSelfLink = false)
    {
        if (json.ValueKind != JsonValueKind.Object || !IsItem(json))
            throw Invalid(documentUri, $"is not a STAC Item (type is '{Text(json, "type") ?? "missing"}', expected 'Feature')");
        var id = Text(json, "id") ?? throw Invalid(documentUri, "has no 'id'");
        var baseUri = useSelfLink ? SelfLink(json, documentUri) ?? documentUri : documentUri;
        var properties = Member(json, "properties") is { ValueKind: JsonValueKind.Object } p ? p : default;
        if (Member(json, "assets") is not { ValueKind: JsonValueKind.Object } assetsJson)
            throw Invalid(documentUri, $"item '{id}' has no 'assets' object");
        var itemProjection = properties.ValueKind == JsonValueKind.Object
            ? StacAssetParser.ItemProjection(properties, documentUri)
            : StacProjection.Empty;
        var assets = new Dictionary<string, StacAsset>(StringComparer.Ordinal);
        foreach (var member in assetsJson.EnumerateObject())
            assets[member.Name] = StacAssetParser.Parse(member.Name, member.Value, id, baseUri, itemProjection, documentUri);
        return new StacItem(id, baseUri, Text(json, "collection"), ParseBbox(Member(json, "bbox"), documentUri, "bbox"),
            ParseDatetime(properties), assets)
        {
            Time = ParseTime(properties),
            Version = VersionOf(json),
        };
    }

    /// <summary>A short hash of the item's JSON: any change to the item (an asset moved, a property updated) changes it.</summary>
    private static string VersionOf(JsonElement json) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json.GetRawText())), 0, 8);

    /// <summary>The absolute href of the document's <c>self</c> link, if any.</summary>
    public static string? SelfLink(JsonElement json, string documentUri)
    {
        var self = Link(json, "self");
        if (self is null || Text(self.Value, "href") is not { } href)
            return null;
        var resolved = HrefResolver.Resolve(documentUri, href);
        return HrefResolver.IsHttp(resolved) || Path.IsPathRooted(resolved) ? resolved : null;
    }

    /// <summary>The link objects of a document's <c>links</c> array.</summary>
    public static IEnumerable<JsonElement> Links(JsonElement json) =>
        Member(json, "links") is { ValueKind: JsonValueKind.Array } links
            ? links.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object)
            : [];

    /// <summary>The first link with the given <c>rel</c>, or null.</summary>
    public static JsonElement? Link(JsonElement json, string rel)
    {
        foreach (var link in Links(json))
        {
            if (Text(link, "rel") == rel)
                return link;
        }
        return null;
    }

    /// <summary>A string member of an object, or null when absent or not a string.</summary>
    public static string? Text(JsonElement json, string key) =>
        Member(json, key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A member of an object, or null when absent (or when <paramref name="json"/> is not an object).</summary>
    public static JsonElement? Member(JsonElement json, string key) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string value, or null when absent or not a string.</summary>
    public static string? StringOf(JsonElement? element) => element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static UpstreamException Invalid(string uri, string problem) => new($"STAC document {uri} {problem}");

    public static Bounds? ParseBbox(JsonElement? node, string uri, string name) => Numbers(node, uri, name) switch
    {
        null => null,
        [var x0, var y0, var x1, var y1] => new Bounds(x0, y0, x1, y1),
        [var x0, var y0, _, var x1, var y1, _] => new Bounds(x0, y0, x1, y1),
        _ => throw Invalid(uri, $"has a '{name}' that is not 4 or 6 numbers"),
    };

    private static DateTimeOffset? ParseDatetime(JsonElement properties)
    {
        var text = Text(properties, "datetime") ?? Text(properties, "start_datetime");
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value : null;
    }

    private static TimeRange? ParseTime(JsonElement properties)
    {
        var instant = Instant(properties, "datetime");
        var start = Instant(properties, "start_datetime") ?? instant;
        var end = Instant(properties, "end_datetime") ?? instant ?? start;
        return start is { } s && end is { } e && s <= e ? new TimeRange(s, e) : null;
    }

    private static DateTimeOffset? Instant(JsonElement properties, string name) =>
        Text(properties, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime() : null;

    public static double? Number(JsonElement? node, string uri, string name) => node switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { } other => throw Invalid(uri, $"has a '{name}' that is not a number: {other.GetRawText()}"),
    };

    public static double[]? Numbers(JsonElement? node, string uri, string name)
    {
        if (node is not { } array)
            return null;
        if (array.ValueKind != JsonValueKind.Array)
            throw Invalid(uri, $"has a '{name}' that is not an array");
        var values = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
            values[i++] = Number(element.ValueKind == JsonValueKind.Null ? null : element, uri, name) ?? throw Invalid(uri, $"has a null in '{name}'");
        return values;
    }

}
