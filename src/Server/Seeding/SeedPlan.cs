using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Server.Seeding;

/// <summary>The tiles of one matrix that meet the area to seed: columns and rows, inclusive.</summary>
internal sealed record SeedRange(TileMatrix Matrix, int MinCol, int MaxCol, int MinRow, int MaxRow)
{
    public long Count => (long)(MaxCol - MinCol + 1) * (MaxRow - MinRow + 1);

    public IEnumerable<(int Col, int Row)> Tiles()
    {
        for (var row = MinRow; row <= MaxRow; row++)
            for (var col = MinCol; col <= MaxCol; col++)
                yield return (col, row);
    }
}

/// <summary>
/// Which tiles a seed run renders: per matrix of the zoom range, the tiles that meet the area (the layer's box in the
/// set's CRS, cut to <c>--bbox</c> when given), the layer's TileMatrixSetLimits. Pure arithmetic.
/// </summary>
internal static class SeedPlan
{
    public static IReadOnlyList<SeedRange> For(TileMatrixSet set, Bounds area, int minZoom, int maxZoom)
    {
        var ranges = new List<SeedRange>();
        for (var z = minZoom; z <= maxZoom; z++)
        {
            if (!set.TryGetMatrix(z, out var matrix))
                throw new ArgumentException($"{set.Id} has no matrix {z} (matrices: {set.Matrices[0].Id}-{set.Matrices[^1].Id})");
            if (area.Intersects(matrix.Bounds))
                ranges.Add(RangeOf(matrix, area));
        }
        return ranges;
    }

    private static SeedRange RangeOf(TileMatrix m, Bounds box) => new(m,
        Index((box.MinX - m.OriginX) / m.TileSpanX, m.MatrixWidth),
        Index((box.MaxX - m.OriginX) / m.TileSpanX - 1e-9, m.MatrixWidth),
        Index((m.OriginY - box.MaxY) / m.TileSpanY, m.MatrixHeight),
        Index((m.OriginY - box.MinY) / m.TileSpanY - 1e-9, m.MatrixHeight));

    private static int Index(double position, int count) => (int)Math.Clamp(Math.Floor(position), 0, count - 1);

    /// <summary>The overlap of two boxes, or null when they do not meet.</summary>
    public static Bounds? Intersect(Bounds a, Bounds b)
    {
        var box = new Bounds(Math.Max(a.MinX, b.MinX), Math.Max(a.MinY, b.MinY), Math.Min(a.MaxX, b.MaxX), Math.Min(a.MaxY, b.MaxY));
        return box.MinX < box.MaxX && box.MinY < box.MaxY ? box : null;
    }
}
