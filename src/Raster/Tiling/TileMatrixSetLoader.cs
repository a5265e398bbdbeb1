using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tiling;

/// <summary>Reads and validates an OGC TMS 2.0 JSON definition.</summary>
public static class TileMatrixSetLoader
{
    /// <summary>Standardized rendering pixel size (0.28 mm) relating cellSize and scaleDenominator.</summary>
    public const double StandardPixelSize = 0.00028;

    private static readonly string[] NorthingFirstAxes = ["y", "lat", "latitude", "n", "northing", "north"];

    /// <param name="source">File name or URL for error messages.</param>
    public static TileMatrixSet Parse(string json, string source, CrsRegistry crs)
    {
        TmsDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<TmsDocument>(json, TmsJson.Options);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"not valid TileMatrixSet JSON: {e.Message}");
        }
        if (doc is null || string.IsNullOrWhiteSpace(doc.Id))
            throw Invalid(source, "\"id\" is missing");
        if (doc.Crs?.Uri is not { } crsUri)
            throw Invalid(source, "\"crs\" must be a CRS URI (or an object with \"uri\"); WKT CRSs are not supported");
        if (!crs.TryResolve(crsUri, out var definition))
            throw Invalid(source, $"CRS '{crsUri}' is not in the CRS registry");
        if (doc.TileMatrices is not { Count: > 0 } raw)
            throw Invalid(source, "\"tileMatrices\" is missing or empty");
        var northingFirst = doc.OrderedAxes is [var first, _]
            ? NorthingFirstAxes.Contains(first.ToLowerInvariant())
            : definition.NorthingFirst;
        var matrices = new List<TileMatrix>(raw.Count);
        var completed = new List<TmsMatrix>(raw.Count);
        foreach (var m in raw)
        {
            var (matrix, filled) = ToMatrix(m, source, northingFirst, definition.MetersPerUnit);
            matrices.Add(matrix);
            completed.Add(filled);
        }
        var order = matrices.Select((m, i) => (m, i)).OrderByDescending(p => p.m.CellSize).Select(p => p.i).ToArray();
        if (matrices.Select(m => m.Id).Distinct().Count() != matrices.Count)
            throw Invalid(source, "tile matrix ids are not unique");
        return new TileMatrixSet(doc with { TileMatrices = [.. order.Select(i => completed[i])] }, definition, northingFirst, [.. order.Select(i => matrices[i])]);
    }

    private static (TileMatrix, TmsMatrix) ToMatrix(TmsMatrix m, string source, bool northingFirst, double metersPerUnit)
    {
        var where = $"tile matrix '{m.Id}'";
        if (string.IsNullOrWhiteSpace(m.Id))
            throw Invalid(source, "a tile matrix has no \"id\"");
        if (m.TileWidth <= 0 || m.TileHeight <= 0 || m.MatrixWidth <= 0 || m.MatrixHeight <= 0)
            throw Invalid(source, $"{where}: tileWidth, tileHeight, matrixWidth and matrixHeight must be positive");
        if (m.PointOfOrigin is not [var a, var b] || !double.IsFinite(a) || !double.IsFinite(b))
            throw Invalid(source, $"{where}: \"pointOfOrigin\" must be two numbers");
        var cellSize = m.CellSize ?? m.ScaleDenominator * StandardPixelSize / metersPerUnit;
        var scale = m.ScaleDenominator ?? m.CellSize * metersPerUnit / StandardPixelSize;
        if (cellSize is not > 0 || scale is not > 0)
            throw Invalid(source, $"{where}: needs a positive \"cellSize\" or \"scaleDenominator\"");
        var corner = m.CornerOfOrigin switch
        {
            null or "topLeft" => CornerOfOrigin.TopLeft,
            "bottomLeft" => CornerOfOrigin.BottomLeft,
            var other => throw Invalid(source, $"{where}: cornerOfOrigin '{other}' is not topLeft or bottomLeft"),
        };
        var widths = m.VariableMatrixWidths ?? [];
        if (widths.Any(v => v.Coalesce < 1 || v.MinTileRow < 0 || v.MaxTileRow < v.MinTileRow || v.MaxTileRow >= m.MatrixHeight))
            throw Invalid(source, $"{where}: a variableMatrixWidths entry has a bad coalesce factor or row range");
        var (x, y) = northingFirst ? (b, a) : (a, b);
        var matrix = new TileMatrix(m.Id, scale.Value, cellSize.Value, corner, x, y, m.TileWidth, m.TileHeight, m.MatrixWidth, m.MatrixHeight, widths);
        return (matrix, m with { CellSize = cellSize, ScaleDenominator = scale });
    }

    private static InvalidParameterException Invalid(string source, string problem) =>
        new("TileMatrixSets", string.Create(CultureInfo.InvariantCulture, $"{source}: {problem}"));
}
