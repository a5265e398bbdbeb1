using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Grids;

/// <summary>
/// The fraction of each grid pixel a polygon covers, as rio-tiler's get_coverage_array: the polygon is rasterised
/// with all_touched on a grid <paramref name="coverScale"/> times finer (TiTiler's cover_scale, default 10) and each pixel gets the share of its fine cells
/// that were touched. A pixel the polygon touches has a coverage above 0 (rio-tiler's all_touched feature mask).
/// Rings are x/y in the grid's CRS; holes are cut out by the even-odd rule.
/// </summary>
internal sealed class PolygonCoverage(IReadOnlyList<IReadOnlyList<(double X, double Y)>> rings, int coverScale = PolygonCoverage.DefaultCoverScale)
{
    public const int DefaultCoverScale = 10;

    /// <summary>TiTiler's bound on cover_scale (its CoverScaleParams: above 0, at most 1000).</summary>
    public const int MaxCoverScale = 1000;

    /// <summary>Coverage fractions (0..1), one per pixel of <paramref name="grid"/>, row-major.</summary>
    public float[] Compute(TargetGrid grid)
    {
        var counts = new int[grid.Width * grid.Height];
        var fineWidth = grid.Width * coverScale;
        var fineX = grid.ResolutionX / coverScale;
        var fineY = grid.ResolutionY / coverScale;
        var intervals = new List<(double From, double To)>();
        var runs = new List<(int From, int To)>();
        for (var fineRow = 0; fineRow < grid.Height * coverScale; fineRow++)
        {
            var top = grid.MaxY - fineRow * fineY;
            TouchedIntervals(top - fineY, top, intervals);
            ToCellRuns(intervals, grid.MinX, fineX, fineWidth, runs);
            var row = counts.AsSpan(fineRow / coverScale * grid.Width, grid.Width);
            foreach (var (from, to) in runs)
            {
                for (var pixel = from / coverScale; pixel * coverScale < to; pixel++)
                    row[pixel] += Math.Min(to, (pixel + 1) * coverScale) - Math.Max(from, pixel * coverScale);
            }
        }
        var coverage = new float[counts.Length];
        for (var i = 0; i < counts.Length; i++)
            coverage[i] = counts[i] / (float)(coverScale * coverScale);
        return coverage;
    }

    /// <summary>
    /// The x-ranges where the polygon meets the band between <paramref name="bottom"/> and <paramref name="top"/>: the
    /// inside spans along the band's centre line plus the x-extent of every edge piece inside the band. (Along a
    /// vertical line the band's content changes only where it crosses an edge, so this union is exact.)
    /// </summary>
    private void TouchedIntervals(double bottom, double top, List<(double, double)> intervals)
    {
        intervals.Clear();
        var centre = (bottom + top) / 2;
        var crossings = new List<double>();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var (x1, y1) = ring[i];
                var (x2, y2) = ring[(i + 1) % ring.Count];
                if ((y1 <= centre && centre < y2) || (y2 <= centre && centre < y1))
                    crossings.Add(x1 + (centre - y1) / (y2 - y1) * (x2 - x1));
                if (EdgeInBand(x1, y1, x2, y2, bottom, top) is { } range)
                    intervals.Add(range);
            }
        }
        crossings.Sort();
        for (var k = 0; k + 1 < crossings.Count; k += 2)
            intervals.Add((crossings[k], crossings[k + 1]));
    }

    /// <summary>The x-extent of the part of an edge strictly inside the band, or null.</summary>
    private static (double, double)? EdgeInBand(double x1, double y1, double x2, double y2, double bottom, double top)
    {
        if (y1 == y2)
            return y1 > bottom && y1 < top ? (Math.Min(x1, x2), Math.Max(x1, x2)) : null;
        if (Math.Max(y1, y2) <= bottom || Math.Min(y1, y2) >= top)
            return null;
        var xa = XAt(Math.Clamp(bottom, Math.Min(y1, y2), Math.Max(y1, y2)));
        var xb = XAt(Math.Clamp(top, Math.Min(y1, y2), Math.Max(y1, y2)));
        return (Math.Min(xa, xb), Math.Max(xa, xb));

        double XAt(double y) => x1 + (y - y1) / (y2 - y1) * (x2 - x1);
    }

    /// <summary>Fine cells [From, To) that overlap an interval with some length, merged and clamped to the grid.</summary>
    private static void ToCellRuns(List<(double From, double To)> intervals, double minX, double fineX, int fineWidth, List<(int, int)> runs)
    {
        runs.Clear();
        intervals.Sort();
        int start = -1, end = -1;
        foreach (var (a, b) in intervals)
        {
            var from = (int)Math.Clamp(Math.Floor((a - minX) / fineX), 0, fineWidth);
            var to = (int)Math.Clamp(Math.Ceiling((b - minX) / fineX), 0, fineWidth);
            if (to <= from)
                continue;
            if (from <= end)
            {
                end = Math.Max(end, to);
                continue;
            }
            if (end > start)
                runs.Add((start, end));
            (start, end) = (from, to);
        }
        if (end > start)
            runs.Add((start, end));
    }
}
