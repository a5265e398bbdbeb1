using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Statistics;

/// <summary>numpy.histogram over sorted values: equal-width bins over a range, or explicit edges; the last bin is closed.</summary>
internal static class Histogram
{
    public static (IReadOnlyList<long> Counts, IReadOnlyList<double> Edges) Compute(ReadOnlySpan<float> sorted, StatisticsParameters parameters)
    {
        var edges = parameters.BinEdges?.ToArray() ?? EqualWidthEdges(sorted, parameters);
        var counts = new long[edges.Length - 1];
        foreach (var v in sorted)
        {
            var bin = BinOf(v, edges);
            if (bin >= 0)
                counts[bin]++;
        }
        return (counts, edges);
    }

    private static double[] EqualWidthEdges(ReadOnlySpan<float> sorted, StatisticsParameters parameters)
    {
        double lo, hi;
        if (parameters.HistogramRange is { } range)
            (lo, hi) = (range.Min, range.Max);
        else if (sorted.Length == 0)
            (lo, hi) = (0, 1);
        else
            (lo, hi) = (sorted[0], sorted[^1]);
        if (lo == hi)
            (lo, hi) = (lo - 0.5, hi + 0.5);
        var n = parameters.BinCount;
        var edges = new double[n + 1];
        var step = (hi - lo) / n;
        for (var i = 0; i <= n; i++)
            edges[i] = lo + i * step;
        edges[n] = hi;
        return edges;
    }

    /// <summary>Index of the bin holding v (edges[i] ≤ v &lt; edges[i+1], last bin closed), or -1 when outside.</summary>
    private static int BinOf(double v, double[] edges)
    {
        var last = edges.Length - 1;
        if (v < edges[0] || v > edges[last])
            return -1;
        if (v == edges[last])
            return last - 1;
        var index = Array.BinarySearch(edges, v);
        return index >= 0 ? index : ~index - 1;
    }
}
