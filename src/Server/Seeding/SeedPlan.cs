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
/// Which tiles a seed run renders: per matrix of the zoom range, the tiles that meet the area to seed (the layer's box
/// in the set's CRS, cut to <c>--bbox</c> when given; two boxes for data across the antimeridian, one on each side), the
/// layer's TileMatrixSetLimits. Pure arithmetic.
/// </summary>
internal static class SeedPlan
{
    public static IReadOnlyList<SeedRange> For(TileMatrixSet set, IReadOnlyList<Bounds> areas, int minZoom, int maxZoom)
    {
        var ranges = new List<SeedRange>();
        for (var z = minZoom; z <= maxZoom; z++)
        {
            if (!set.TryGetMatrix(z, out var matrix))
                throw new ArgumentException($"{set.Id} has no matrix {z} (matrices: {set.Matrices[0].Id}-{set.Matrices[^1].Id})");
            var inMatrix = new List<SeedRange>();
            foreach (var area in areas.Where(a => a.Intersects(matrix.Bounds)))
                Add(inMatrix, RangeOf(matrix, area));
            ranges.AddRange(inMatrix);
        }
        return ranges;
    }

    /// <summary>Adds a range, merged with those it shares a tile with (both sides of 180° meet in one tile at low zooms), so no tile is listed twice.</summary>
    private static void Add(List<SeedRange> ranges, SeedRange range)
    {
        while (ranges.FindIndex(r => r.MinCol <= range.MaxCol && range.MinCol <= r.MaxCol && r.MinRow <= range.MaxRow && range.MinRow <= r.MaxRow) is var i and >= 0)
        {
            var r = ranges[i];
            range = range with
            {
                MinCol = Math.Min(r.MinCol, range.MinCol), MaxCol = Math.Max(r.MaxCol, range.MaxCol),
                MinRow = Math.Min(r.MinRow, range.MinRow), MaxRow = Math.Max(r.MaxRow, range.MaxRow),
            };
            ranges.RemoveAt(i);
        }
        ranges.Add(range);
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
