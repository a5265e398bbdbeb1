using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiling;

/// <summary>Which corner of the matrix tile (0,0) touches; rows count down from the top or up from the bottom.</summary>
public enum CornerOfOrigin
{
    TopLeft,
    BottomLeft,
}

/// <summary>
/// One zoom level of a <see cref="TileMatrixSet"/>. <see cref="OriginX"/>/<see cref="OriginY"/> are the corner of
/// origin in x=east, y=north order (the JSON's pointOfOrigin is in the CRS's axis order).
/// </summary>
public sealed class TileMatrix
{
    internal TileMatrix(string id, double scaleDenominator, double cellSize, CornerOfOrigin corner, double originX, double originY,
        int tileWidth, int tileHeight, int matrixWidth, int matrixHeight, IReadOnlyList<VariableMatrixWidth> variableWidths)
    {
        Id = id;
        ScaleDenominator = scaleDenominator;
        CellSize = cellSize;
        CornerOfOrigin = corner;
        OriginX = originX;
        OriginY = originY;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        MatrixWidth = matrixWidth;
        MatrixHeight = matrixHeight;
        VariableMatrixWidths = variableWidths;
    }

    public string Id { get; }

    /// <summary>
    /// The scale denominator as the definition declares it (derived from the cell size at 0.28 mm pixels when it gives
    /// none); <see cref="TileMatrixSet.StandardScaleDenominator"/> is the one at 0.28 mm pixels.
    /// </summary>
    public double ScaleDenominator { get; }

    /// <summary>Pixel size in CRS units.</summary>
    public double CellSize { get; }

    public CornerOfOrigin CornerOfOrigin { get; }

    public double OriginX { get; }

    public double OriginY { get; }

    public int TileWidth { get; }

    public int TileHeight { get; }

    public int MatrixWidth { get; }

    public int MatrixHeight { get; }

    /// <summary>Rows whose tiles span several columns (CDB1GlobalGrid, GNOSISGlobalGrid); empty for regular matrices.</summary>
    public IReadOnlyList<VariableMatrixWidth> VariableMatrixWidths { get; }

    /// <summary>Width of one (uncoalesced) tile in CRS units.</summary>
    public double TileSpanX => CellSize * TileWidth;

    /// <summary>Height of one tile in CRS units.</summary>
    public double TileSpanY => CellSize * TileHeight;

    /// <summary>Extent of the whole matrix, x=east, y=north.</summary>
    public Bounds Bounds => CornerOfOrigin == CornerOfOrigin.TopLeft
        ? new Bounds(OriginX, OriginY - MatrixHeight * TileSpanY, OriginX + MatrixWidth * TileSpanX, OriginY)
        : new Bounds(OriginX, OriginY, OriginX + MatrixWidth * TileSpanX, OriginY + MatrixHeight * TileSpanY);

    /// <summary>How many columns one tile of <paramref name="row"/> spans (1 outside variable-width rows).</summary>
    public int CoalesceFor(int row)
    {
        foreach (var v in VariableMatrixWidths)
        {
            if (row >= v.MinTileRow && row <= v.MaxTileRow)
                return v.Coalesce;
        }
        return 1;
    }

    public bool Contains(int col, int row) => col >= 0 && col < MatrixWidth && row >= 0 && row < MatrixHeight;

    /// <summary>
    /// Bounds of tile (<paramref name="col"/>, <paramref name="row"/>), x=east, y=north. In a coalesced row the tile is the
    /// group of columns containing <paramref name="col"/> (as morecantile does); the group is named by its first column.
    /// </summary>
    public Bounds TileBounds(int col, int row)
    {
        var coalesce = CoalesceFor(row);
        var first = col / coalesce * coalesce;
        var minX = OriginX + first * TileSpanX;
        var maxX = OriginX + Math.Min(first + coalesce, MatrixWidth) * TileSpanX;
        return CornerOfOrigin == CornerOfOrigin.TopLeft
            ? new Bounds(minX, OriginY - (row + 1) * TileSpanY, maxX, OriginY - row * TileSpanY)
            : new Bounds(minX, OriginY + row * TileSpanY, maxX, OriginY + (row + 1) * TileSpanY);
    }

    /// <summary>
    /// The tiles (first column of each coalesced group, row) whose bounds intersect <paramref name="bounds"/>, given
    /// in this matrix's CRS (x=east, y=north). Tiles that only touch an edge are left out.
    /// </summary>
    public IEnumerable<(int Col, int Row)> TilesCovering(Bounds bounds)
    {
        var (minCol, maxCol) = Range((bounds.MinX - OriginX) / TileSpanX, (bounds.MaxX - OriginX) / TileSpanX, MatrixWidth);
        var (minRow, maxRow) = CornerOfOrigin == CornerOfOrigin.TopLeft
            ? Range((OriginY - bounds.MaxY) / TileSpanY, (OriginY - bounds.MinY) / TileSpanY, MatrixHeight)
            : Range((bounds.MinY - OriginY) / TileSpanY, (bounds.MaxY - OriginY) / TileSpanY, MatrixHeight);
        for (var row = minRow; row <= maxRow; row++)
        {
            var coalesce = CoalesceFor(row);
            for (var col = minCol / coalesce * coalesce; col <= maxCol; col += coalesce)
                yield return (col, row);
        }
    }

    /// <summary>The inclusive index range covering [lo, hi) in tile units, clamped to the matrix; empty when outside.</summary>
    private static (int Min, int Max) Range(double lo, double hi, int count)
    {
        const double Epsilon = 1e-9; // a box ending exactly on a tile edge must not pull in the next tile
        if (double.IsNaN(lo) || double.IsNaN(hi) || hi <= 0 || lo >= count)
            return (0, -1);
        var min = (int)Math.Floor(Math.Max(lo, 0) + Epsilon);
        var max = (int)Math.Ceiling(Math.Min(hi, count) - Epsilon) - 1;
        return (Math.Max(min, 0), Math.Min(max, count - 1));
    }
}
