using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiling;

/// <summary>The rows and columns of one matrix whose tiles meet a box (OGC TileMatrixLimits, WMTS and OGC API Tiles).</summary>
public readonly record struct TileRange(int MinRow, int MaxRow, int MinCol, int MaxCol)
{
    /// <summary>The tiles of <paramref name="m"/> that meet <paramref name="box"/> (in the set's CRS), clamped to the matrix.</summary>
    public static TileRange Of(TileMatrix m, Bounds box)
    {
        var (top, bottom) = m.CornerOfOrigin == CornerOfOrigin.TopLeft
            ? ((m.OriginY - box.MaxY) / m.TileSpanY, (m.OriginY - box.MinY) / m.TileSpanY)
            : ((box.MinY - m.OriginY) / m.TileSpanY, (box.MaxY - m.OriginY) / m.TileSpanY);
        return new TileRange(
            Index(top, m.MatrixHeight), Index(bottom - 1e-9, m.MatrixHeight),
            Index((box.MinX - m.OriginX) / m.TileSpanX, m.MatrixWidth), Index((box.MaxX - m.OriginX) / m.TileSpanX - 1e-9, m.MatrixWidth));
    }

    /// <summary>
    /// The tiles of <paramref name="m"/> that meet any of <paramref name="boxes"/> (a footprint split at the
    /// antimeridian). One range of columns cannot hold two apart, so columns that do not touch give the matrix's
    /// full width, as TiTiler's tms_limits gives for bounds with west &gt; east.
    /// </summary>
    public static TileRange Of(TileMatrix m, IReadOnlyList<Bounds> boxes)
    {
        var range = Of(m, boxes[0]);
        foreach (var box in boxes.Skip(1))
        {
            var next = Of(m, box);
            var touch = next.MinCol <= range.MaxCol + 1 && range.MinCol <= next.MaxCol + 1;
            range = new TileRange(Math.Min(range.MinRow, next.MinRow), Math.Max(range.MaxRow, next.MaxRow),
                touch ? Math.Min(range.MinCol, next.MinCol) : 0, touch ? Math.Max(range.MaxCol, next.MaxCol) : m.MatrixWidth - 1);
        }
        return range;
    }

    private static int Index(double position, int count) => (int)Math.Clamp(Math.Floor(position), 0, count - 1);
}
