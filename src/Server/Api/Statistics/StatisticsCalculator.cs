using System.Buffers;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Statistics;

/// <summary>
/// Statistics of one band over its valid pixels, with rio-tiler's definitions: population std, percentiles and median
/// as the sorted value where the cumulative weight reaches q·total (its weighted-quantile rule), majority/minority as
/// the smallest most/least frequent value, numpy.histogram bins (last bin closed), NaN/inf treated as masked.
/// With <c>weights</c> (a feature's coverage fractions) mean, count, sum, std, median and percentiles are weighted as
/// rio-tiler weights them; min, max, majority, minority, unique, histogram and pixel counts are not.
/// </summary>
internal static class StatisticsCalculator
{
    /// <param name="weights">One weight per pixel, or empty for weight 1 everywhere.</param>
    public static BandStatistics Compute(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, StatisticsParameters parameters, ReadOnlySpan<float> weights = default)
    {
        var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, values.Length));
        var weightBuffer = weights.IsEmpty ? null : ArrayPool<float>.Shared.Rent(Math.Max(1, values.Length));
        try
        {
            var n = CollectValid(values, mask, weights, buffer, weightBuffer);
            var valid = buffer.AsSpan(0, n);
            var validWeights = weightBuffer is null ? default : weightBuffer.AsSpan(0, n);
            if (weightBuffer is null)
                valid.Sort();
            else
                valid.Sort(validWeights);
            return Summarise(valid, validWeights, values.Length, parameters);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
            if (weightBuffer is not null)
                ArrayPool<float>.Shared.Return(weightBuffer);
        }
    }

    private static int CollectValid(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, ReadOnlySpan<float> weights, float[] buffer, float[]? weightBuffer)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (mask[i] == 0 || !float.IsFinite(v))
                continue;
            if (weightBuffer is not null)
                weightBuffer[n] = weights[i];
            buffer[n++] = v;
        }
        return n;
    }

    private static BandStatistics Summarise(ReadOnlySpan<float> sorted, ReadOnlySpan<float> weights, int pixelCount, StatisticsParameters parameters)
    {
        var n = sorted.Length;
        var (keys, counts) = UniqueCounts(sorted);
        var (weightSum, sum, std) = WeightedSums(sorted, weights);
        var (histCounts, histEdges) = parameters.Categorical
            ? CategoricalHistogram(keys, counts, parameters.Categories)
            : Histogram.Compute(sorted, parameters);
        var percentiles = new (int, double)[parameters.Percentiles.Count];
        for (var i = 0; i < percentiles.Length; i++)
            percentiles[i] = (parameters.Percentiles[i], n == 0 ? double.NaN : Quantile(sorted, weights, parameters.Percentiles[i] / 100.0));
        return new BandStatistics(
            Min: n == 0 ? double.NaN : sorted[0],
            Max: n == 0 ? double.NaN : sorted[n - 1],
            Mean: n == 0 ? double.NaN : sum / weightSum,
            Count: weightSum,
            Sum: sum,
            Std: n == 0 ? double.NaN : std,
            Median: n == 0 ? double.NaN : Quantile(sorted, weights, 0.5),
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

    /// <summary>
    /// The first sorted value whose cumulative weight reaches q·total (numpy searchsorted over the cumulative weights);
    /// with unit weights, the value at rank ceil(q·n).
    /// </summary>
    internal static double Quantile(ReadOnlySpan<float> sorted, ReadOnlySpan<float> weights, double q)
    {
        if (weights.IsEmpty)
            return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        double total = 0;
        foreach (var w in weights)
            total += w;
        var target = q * total;
        double cumulative = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            cumulative += weights[i];
            if (cumulative >= target)
                return sorted[i];
        }
        return sorted[^1];
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

    /// <summary>Σw, Σw·v and the weighted population standard deviation (weights 1 when <paramref name="weights"/> is empty).</summary>
    private static (double WeightSum, double Sum, double Std) WeightedSums(ReadOnlySpan<float> values, ReadOnlySpan<float> weights)
    {
        double weightSum = 0, sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            weightSum += w;
            sum += w * values[i];
        }
        if (values.Length == 0)
            return (0, 0, double.NaN);
        var mean = sum / weightSum;
        double squares = 0;
        for (var i = 0; i < values.Length; i++)
            squares += (weights.IsEmpty ? 1.0 : weights[i]) * (values[i] - mean) * (values[i] - mean);
        return (weightSum, sum, Math.Sqrt(squares / weightSum));
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
