using System.Text.Json;
using System.Text.Json.Serialization;

namespace OgcTiler.Raster.Tiling;

/// <summary>The OGC Two Dimensional Tile Matrix Set 2.0 JSON encoding (only what OgcTiler reads and writes).</summary>
internal sealed record TmsDocument
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public string? Uri { get; init; }
    public CrsReference? Crs { get; init; }
    public IReadOnlyList<string>? OrderedAxes { get; init; }
    public string? WellKnownScaleSet { get; init; }
    public TmsBoundingBox? BoundingBox { get; init; }
    public IReadOnlyList<TmsMatrix>? TileMatrices { get; init; }
}

internal sealed record TmsBoundingBox
{
    public double[]? LowerLeft { get; init; }
    public double[]? UpperRight { get; init; }
    public CrsReference? Crs { get; init; }
    public IReadOnlyList<string>? OrderedAxes { get; init; }
}

internal sealed record TmsMatrix
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public double? ScaleDenominator { get; init; }
    public double? CellSize { get; init; }
    public string? CornerOfOrigin { get; init; }
    public double[]? PointOfOrigin { get; init; }
    public int TileWidth { get; init; }
    public int TileHeight { get; init; }
    public int MatrixWidth { get; init; }
    public int MatrixHeight { get; init; }
    public IReadOnlyList<VariableMatrixWidth>? VariableMatrixWidths { get; init; }
}

/// <summary>Rows <see cref="MinTileRow"/>..<see cref="MaxTileRow"/> have tiles <see cref="Coalesce"/> columns wide.</summary>
public sealed record VariableMatrixWidth(int Coalesce, int MinTileRow, int MaxTileRow);

/// <summary>A TMS "crs": a URI string, or an object with "uri" (or "wkt", which OgcTiler does not resolve).</summary>
[JsonConverter(typeof(CrsReferenceConverter))]
internal sealed record CrsReference(string? Uri, string? Wkt, bool AsObject);

internal sealed class CrsReferenceConverter : JsonConverter<CrsReference>
{
    public override CrsReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new CrsReference(reader.GetString(), null, false);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("crs must be a URI string or an object with \"uri\" or \"wkt\"");
        string? Get(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new CrsReference(Get("uri"), Get("wkt"), true);
    }

    public override void Write(Utf8JsonWriter writer, CrsReference value, JsonSerializerOptions options)
    {
        if (!value.AsObject && value.Uri is not null)
        {
            writer.WriteStringValue(value.Uri);
            return;
        }
        writer.WriteStartObject();
        if (value.Uri is not null)
            writer.WriteString("uri", value.Uri);
        if (value.Wkt is not null)
            writer.WriteString("wkt", value.Wkt);
        writer.WriteEndObject();
    }
}

internal static class TmsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        WriteIndented = false,
    };
}
