using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>Reads STAC 1.0 / 1.1 Items (with the projection and raster extensions) from JSON.</summary>
internal static class StacItemParser
{
    public static bool IsItem(JsonObject json) => Text(json, "type") == "Feature";

    /// <summary>
    /// Parses an Item read from <paramref name="documentUri"/>. Items inside a search response or an ItemCollection
    /// (<paramref name="useSelfLink"/>) resolve relative hrefs against their own absolute self link when they have one.
    /// </summary>
    public static StacItem Parse(JsonObject json, string documentUri, bool useSelfLink = false)
    {
        if (!IsItem(json))
            throw Invalid(documentUri, $"is not a STAC Item (type is '{Text(json, "type") ?? "missing"}', expected 'Feature')");
        var id = Text(json, "id") ?? throw Invalid(documentUri, "has no 'id'");
        var baseUri = useSelfLink ? SelfLink(json, documentUri) ?? documentUri : documentUri;
        var properties = json["properties"] as JsonObject ?? [];
        if (json["assets"] is not JsonObject assetsJson)
            throw Invalid(documentUri, $"item '{id}' has no 'assets' object");
        var itemProjection = ParseProjection(properties, StacProjection.Empty, documentUri);
        var assets = new Dictionary<string, StacAsset>(StringComparer.Ordinal);
        foreach (var (name, node) in assetsJson)
        {
            if (node is not JsonObject asset || Text(asset, "href") is not { } href)
                throw Invalid(documentUri, $"asset '{name}' of item '{id}' has no 'href'");
            assets[name] = new StacAsset(
                name,
                HrefResolver.Resolve(baseUri, href),
                Text(asset, "type"),
                Text(asset, "title"),
                asset["roles"] is JsonArray roles ? [.. roles.Select(r => r?.ToString() ?? "")] : [],
                ParseProjection(asset, itemProjection, documentUri),
                ParseBands(asset, documentUri));
        }
        return new StacItem(id, baseUri, Text(json, "collection"), ParseBbox(json["bbox"], documentUri, "bbox"),
            ParseDatetime(properties), properties, assets);
    }

    /// <summary>The absolute href of the document's <c>self</c> link, if any.</summary>
    public static string? SelfLink(JsonObject json, string documentUri)
    {
        var self = Links(json).FirstOrDefault(l => Text(l, "rel") == "self");
        if (self is null || Text(self, "href") is not { } href)
            return null;
        var resolved = HrefResolver.Resolve(documentUri, href);
        return HrefResolver.IsHttp(resolved) || Path.IsPathRooted(resolved) ? resolved : null;
    }

    public static IEnumerable<JsonObject> Links(JsonObject json) =>
        json["links"] is JsonArray links ? links.OfType<JsonObject>() : [];

    public static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static UpstreamException Invalid(string uri, string problem) => new($"STAC document {uri} {problem}");

    private static StacProjection ParseProjection(JsonObject json, StacProjection fallback, string uri)
    {
        var crs = Text(json, "proj:code") ?? (Number(json["proj:epsg"], uri, "proj:epsg") is { } epsg
            ? "EPSG:" + epsg.ToString(CultureInfo.InvariantCulture) : null);
        (int, int)? shape = Numbers(json["proj:shape"], uri, "proj:shape") is [var rows, var cols] ? ((int)rows, (int)cols) : null;
        var transform = Numbers(json["proj:transform"], uri, "proj:transform");
        if (transform is { Length: < 6 })
            throw Invalid(uri, "has a proj:transform with fewer than 6 numbers");
        return new StacProjection(crs ?? fallback.Crs, shape ?? fallback.Shape, transform?[..6] ?? fallback.Transform,
            ParseBbox(json["proj:bbox"], uri, "proj:bbox") ?? fallback.Bbox);
    }

    private static IReadOnlyList<StacBand> ParseBands(JsonObject asset, string uri)
    {
        // STAC 1.1 puts nodata/data_type/raster:scale/raster:offset on the asset, inherited by its bands.
        var assetLevel = new StacBand(Nodata(asset["nodata"], uri), Number(asset["raster:scale"], uri, "raster:scale"),
            Number(asset["raster:offset"], uri, "raster:offset"), DataType(Text(asset, "data_type")));
        if (asset["raster:bands"] is JsonArray rasterBands)
            return [.. rasterBands.OfType<JsonObject>().Select(b => new StacBand(Nodata(b["nodata"], uri),
                Number(b["scale"], uri, "scale"), Number(b["offset"], uri, "offset"), DataType(Text(b, "data_type"))))];
        if (asset["bands"] is JsonArray bands)
            return [.. bands.OfType<JsonObject>().Select(b => new StacBand(Nodata(b["nodata"], uri) ?? assetLevel.Nodata,
                Number(b["raster:scale"], uri, "raster:scale") ?? assetLevel.Scale,
                Number(b["raster:offset"], uri, "raster:offset") ?? assetLevel.Offset,
                DataType(Text(b, "data_type")) ?? assetLevel.DataType))];
        return assetLevel == StacBand.Empty ? [] : [assetLevel];
    }

    private static Bounds? ParseBbox(JsonNode? node, string uri, string name) => Numbers(node, uri, name) switch
    {
        null => null,
        [var x0, var y0, var x1, var y1] => new Bounds(x0, y0, x1, y1),
        [var x0, var y0, _, var x1, var y1, _] => new Bounds(x0, y0, x1, y1),
        _ => throw Invalid(uri, $"has a '{name}' that is not 4 or 6 numbers"),
    };

    private static DateTimeOffset? ParseDatetime(JsonObject properties)
    {
        var text = Text(properties, "datetime") ?? Text(properties, "start_datetime");
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value : null;
    }

    private static double? Nodata(JsonNode? node, string uri)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text.ToLowerInvariant() switch
            {
                "nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => throw Invalid(uri, $"has a nodata value '{text}' that is not a number, 'nan', 'inf' or '-inf'"),
            };
        }
        return Number(node, uri, "nodata");
    }

    private static double? Number(JsonNode? node, string uri, string name)
    {
        if (node is null)
            return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            return value.GetValue<double>();
        throw Invalid(uri, $"has a '{name}' that is not a number: {node.ToJsonString()}");
    }

    private static double[]? Numbers(JsonNode? node, string uri, string name)
    {
        if (node is null)
            return null;
        if (node is not JsonArray array)
            throw Invalid(uri, $"has a '{name}' that is not an array");
        return [.. array.Select(n => Number(n, uri, name) ?? throw Invalid(uri, $"has a null in '{name}'"))];
    }

    private static RasterDataType? DataType(string? name) => name switch
    {
        "uint8" => RasterDataType.UInt8,
        "int8" => RasterDataType.Int8,
        "uint16" => RasterDataType.UInt16,
        "int16" => RasterDataType.Int16,
        "uint32" => RasterDataType.UInt32,
        "int32" => RasterDataType.Int32,
        "float32" => RasterDataType.Float32,
        "float64" => RasterDataType.Float64,
        _ => null,
    };
}
