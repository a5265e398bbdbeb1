using System.Buffers;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Statistics;

/// <summary>
/// Statistics of one band over its valid pixels, with rio-tiler's definitions: population std, percentiles and median
/// as the sorted value at rank ceil(q·n) (its weighted-quantile rule with unit weights), majority/minority as the
/// smallest most/least frequent value, numpy.histogram bins (last bin closed), NaN/inf treated as masked.
/// </summary>
internal static class StatisticsCalculator
{
    public static BandStatistics Compute(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, StatisticsParameters parameters)
    {
        var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, values.Length));
        try
        {
            var n = CollectValid(values, mask, buffer);
            var valid = buffer.AsSpan(0, n);
            valid.Sort();
            return Summarise(valid, values.Length, parameters);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static int CollectValid(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, float[] buffer)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (mask[i] != 0 && float.IsFinite(v))
                buffer[n++] = v;
        }
        return n;
    }

    private static BandStatistics Summarise(ReadOnlySpan<float> sorted, int pixelCount, StatisticsParameters parameters)
    {
        var n = sorted.Length;
        var (keys, counts) = UniqueCounts(sorted);
        var (sum, std) = SumAndStd(sorted);
        var (histCounts, histEdges) = parameters.Categorical
            ? CategoricalHistogram(keys, counts, parameters.Categories)
            : Histogram.Compute(sorted, parameters);
        var percentiles = new (int, double)[parameters.Percentiles.Count];
        for (var i = 0; i < percentiles.Length; i++)
            percentiles[i] = (parameters.Percentiles[i], n == 0 ? double.NaN : Quantile(sorted, parameters.Percentiles[i] / 100.0));
        return new BandStatistics(
            Min: n == 0 ? double.NaN : sorted[0],
            Max: n == 0 ? double.NaN : sorted[n - 1],
            Mean: n == 0 ? double.NaN : sum / n,
            Count: n,
            Sum: sum,
            Std: n == 0 ? double.NaN : std,
            Median: n == 0 ? double.NaN : Quantile(sorted, 0.5),
            Majority: n == 0 ? double.NaN : keys[IndexOfExtreme(counts, max: true)],
            Minority: n == 0 ? double.NaN : keys[IndexOfExtreme(counts, max: false)],
            Unique: keys.Count,
            Percentiles: percentiles,
            HistogramCounts: histCounts,
            HistogramEdges: histEdges,
            ValidPixels: n,
            MaskedPixels: pixelCount - n,
            ValidPercent: pixelCount == 0 ? 0 : Math.Round(100.0 * n / pixelCount, 2, MidpointRounding.ToEven));
    }

    /// <summary>The first sorted value whose rank (1-based) reaches q·n.</summary>
    internal static double Quantile(ReadOnlySpan<float> sorted, double q)
    {
        var target = q * sorted.Length;
        var index = (int)Math.Ceiling(target) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static (List<double> Keys, List<long> Counts) UniqueCounts(ReadOnlySpan<float> sorted)
    {
        var keys = new List<double>();
        var counts = new List<long>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i + 1;
            while (j < sorted.Length && sorted[j] == sorted[i])
                j++;
            keys.Add(sorted[i]);
            counts.Add(j - i);
            i = j;
        }
        return (keys, counts);
    }

    private static (double Sum, double Std) SumAndStd(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values)
            sum += v;
        if (values.Length == 0)
            return (0, double.NaN);
        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return (sum, Math.Sqrt(squares / values.Length));
    }

    private static int IndexOfExtreme(List<long> counts, bool max)
    {
        var best = 0;
        for (var i = 1; i < counts.Count; i++)
        {
            if (max ? counts[i] > counts[best] : counts[i] < counts[best])
                best = i;
        }
        return best;
    }

    private static (IReadOnlyList<long>, IReadOnlyList<double>) CategoricalHistogram(List<double> keys, List<long> counts, IReadOnlyList<double>? categories)
    {
        if (categories is null)
            return (counts, keys);
        var lookup = new Dictionary<double, long>();
        for (var i = 0; i < keys.Count; i++)
            lookup[keys[i]] = counts[i];
        // Categories compare in the data's precision, as rio-tiler casts them to the data type.
        var cast = categories.Select(c => (double)(float)c).ToArray();
        return (cast.Select(c => lookup.GetValueOrDefault(c)).ToArray(), cast);
    }
}
