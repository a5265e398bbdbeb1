using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using static OgcTiler.Plugins.Stac.Catalog.StacItemParser;

namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>
/// Reads one asset of a STAC Item (href, type, roles, proj:*, raster:bands / bands / eo:bands) in a single pass over
/// its members, matched as UTF-8.
/// </summary>
internal static class StacAssetParser
{
    /// <summary>The proj:* fields of an item's properties, the fallback of its assets' own.</summary>
    public static StacProjection ItemProjection(JsonElement properties, string uri) =>
        ParseProjection(ProjectionMembers.Read(properties), StacProjection.Empty, uri);

    public static StacAsset Parse(string name, JsonElement asset, string id, string baseUri, StacProjection itemProjection, string uri)
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
            bandCount)
        { BandLabels = BandLabels(m) };
    }

    /// <summary>
    /// Each band's name in <c>bands</c> (STAC 1.1) or <c>eo:bands</c>: its <c>eo:common_name</c>, else
    /// <c>common_name</c>, else <c>name</c>, as rio-tiler matches the <c>bands=</c> asset option.
    /// </summary>
    private static IReadOnlyList<string?> BandLabels(AssetMembers m) =>
        (m.Bands ?? m.EoBands) is { ValueKind: JsonValueKind.Array } bands
            ? [.. bands.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.Object
                ? Text(b, "eo:common_name") ?? Text(b, "common_name") ?? Text(b, "name")
                : null)]
            : [];

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
