using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

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
            ? ParseProjection(ProjectionMembers.Read(properties), StacProjection.Empty, documentUri)
            : StacProjection.Empty;
        var assets = new Dictionary<string, StacAsset>(StringComparer.Ordinal);
        foreach (var member in assetsJson.EnumerateObject())
            assets[member.Name] = ParseAsset(member.Name, member.Value, id, baseUri, itemProjection, documentUri);
        return new StacItem(id, baseUri, Text(json, "collection"), ParseBbox(Member(json, "bbox"), documentUri, "bbox"),
            ParseDatetime(properties), assets);
    }

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

    public static UpstreamException Invalid(string uri, string problem) => new($"STAC document {uri} {problem}");

    private static StacAsset ParseAsset(string name, JsonElement asset, string id, string baseUri, StacProjection itemProjection, string uri)
    {
        if (asset.ValueKind != JsonValueKind.Object)
            throw Invalid(uri, $"asset '{name}' of item '{id}' has no 'href'");
        var m = AssetMembers.Read(asset);
        if (m.Href is not { ValueKind: JsonValueKind.String } href)
            throw Invalid(uri, $"asset '{name}' of item '{id}' has no 'href'");
        var (bands, bandCount) = ParseBands(m, uri);
        return new StacAsset(
            name,
            HrefResolver.Resolve(baseUri, href.GetString()!),
            StringOf(m.Type),
            StringOf(m.Title),
            m.Roles is { ValueKind: JsonValueKind.Array } roles ? [.. roles.EnumerateArray().Select(r => r.ToString())] : [],
            ParseProjection(m.Projection, itemProjection, uri),
            bands,
            bandCount);
    }

    private static StacProjection ParseProjection(ProjectionMembers m, StacProjection fallback, string uri)
    {
        var crs = StringOf(m.Code) ?? (Number(m.Epsg, uri, "proj:epsg") is { } epsg ? "EPSG:" + epsg.ToString(CultureInfo.InvariantCulture) : null);
        (int, int)? shape = Numbers(m.Shape, uri, "proj:shape") is [var rows, var cols] ? ((int)rows, (int)cols) : null;
        var transform = Numbers(m.Transform, uri, "proj:transform");
        if (transform is { Length: < 6 })
            throw Invalid(uri, "has a proj:transform with fewer than 6 numbers");
        return new StacProjection(crs ?? fallback.Crs, shape ?? fallback.Shape, transform?[..6] ?? fallback.Transform,
            ParseBbox(m.Bbox, uri, "proj:bbox") ?? fallback.Bbox);
    }

    /// <summary>
    /// Band metadata from <c>raster:bands</c> (STAC 1.0) or <c>bands</c> (STAC 1.1, inheriting the asset's own nodata,
    /// data_type, raster:scale and raster:offset), and the number of bands the asset's band arrays list (also
    /// <c>eo:bands</c>), null when none does.
    /// </summary>
    private static (IReadOnlyList<StacBand> Bands, int? Count) ParseBands(AssetMembers m, string uri)
    {
        var assetLevel = new StacBand(Nodata(m.Nodata, uri), Number(m.Scale, uri, "raster:scale"), Number(m.Offset, uri, "raster:offset"),
            DataType(StringOf(m.DataType)));
        if (m.RasterBands is { ValueKind: JsonValueKind.Array } rasterBands)
        {
            StacBand[] bands = [.. rasterBands.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object).Select(b => new StacBand(
                Nodata(Member(b, "nodata"), uri), Number(Member(b, "scale"), uri, "scale"), Number(Member(b, "offset"), uri, "offset"),
                DataType(Text(b, "data_type"))))];
            return (bands, rasterBands.GetArrayLength());
        }
        if (m.Bands is { ValueKind: JsonValueKind.Array } stacBands)
        {
            StacBand[] bands = [.. stacBands.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object).Select(b => new StacBand(
                Nodata(Member(b, "nodata"), uri) ?? assetLevel.Nodata,
                Number(Member(b, "raster:scale"), uri, "raster:scale") ?? assetLevel.Scale,
                Number(Member(b, "raster:offset"), uri, "raster:offset") ?? assetLevel.Offset,
                DataType(Text(b, "data_type")) ?? assetLevel.DataType))];
            return (bands, stacBands.GetArrayLength());
        }
        var eoCount = m.EoBands is { ValueKind: JsonValueKind.Array } eo ? eo.GetArrayLength() : (int?)null;
        return (assetLevel == StacBand.Empty ? [] : [assetLevel], eoCount);
    }

    private static string? StringOf(JsonElement? element) => element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The proj:* members of an asset or of an item's properties.</summary>
    private struct ProjectionMembers
    {
        public JsonElement? Code, Epsg, Shape, Transform, Bbox;

        public bool Take(JsonProperty p)
        {
            if (p.NameEquals("proj:code"u8))
                Code = p.Value;
            else if (p.NameEquals("proj:epsg"u8))
                Epsg = p.Value;
            else if (p.NameEquals("proj:shape"u8))
                Shape = p.Value;
            else if (p.NameEquals("proj:transform"u8))
                Transform = p.Value;
            else if (p.NameEquals("proj:bbox"u8))
                Bbox = p.Value;
            else
                return false;
            return true;
        }

        public static ProjectionMembers Read(JsonElement json)
        {
            var members = new ProjectionMembers();
            foreach (var p in json.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Null)
                    members.Take(p);
            }
            return members;
        }
    }

    /// <summary>The members of an asset the plugin uses, gathered in one pass over the object.</summary>
    private struct AssetMembers
    {
        public JsonElement? Href, Type, Title, Roles, RasterBands, Bands, EoBands, Nodata, DataType, Scale, Offset;
        public ProjectionMembers Projection;

        public static AssetMembers Read(JsonElement asset)
        {
            var m = new AssetMembers();
            foreach (var p in asset.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null || m.Projection.Take(p))
                    continue;
                var v = p.Value;
                if (p.NameEquals("href"u8))
                    m.Href = v;
                else if (p.NameEquals("type"u8))
                    m.Type = v;
                else if (p.NameEquals("title"u8))
                    m.Title = v;
                else if (p.NameEquals("roles"u8))
                    m.Roles = v;
                else if (p.NameEquals("raster:bands"u8))
                    m.RasterBands = v;
                else if (p.NameEquals("bands"u8))
                    m.Bands = v;
                else if (p.NameEquals("eo:bands"u8))
                    m.EoBands = v;
                else if (p.NameEquals("nodata"u8))
                    m.Nodata = v;
                else if (p.NameEquals("data_type"u8))
                    m.DataType = v;
                else if (p.NameEquals("raster:scale"u8))
                    m.Scale = v;
                else if (p.NameEquals("raster:offset"u8))
                    m.Offset = v;
            }
            return m;
        }
    }

    private static Bounds? ParseBbox(JsonElement? node, string uri, string name) => Numbers(node, uri, name) switch
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

    private static double? Nodata(JsonElement? node, string uri)
    {
        if (node is { ValueKind: JsonValueKind.String } value)
        {
            var text = value.GetString()!;
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

    private static double? Number(JsonElement? node, string uri, string name) => node switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { } other => throw Invalid(uri, $"has a '{name}' that is not a number: {other.GetRawText()}"),
    };

    private static double[]? Numbers(JsonElement? node, string uri, string name)
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
