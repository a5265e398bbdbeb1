namespace OgcTiler.Server.Api.Statistics;

/// <summary>
/// rio-tiler's per-band statistics. <see cref="Histogram"/> is <c>[counts, edges]</c> (or <c>[counts, categories]</c>
/// when categorical). Values are NaN when the band has no valid pixel.
/// </summary>
internal sealed record BandStatistics(
    double Min,
    double Max,
    double Mean,
    double Count,
    double Sum,
    double Std,
    double Median,
    double Majority,
    double Minority,
    double Unique,
    IReadOnlyList<(int Percentile, double Value)> Percentiles,
    IReadOnlyList<long> HistogramCounts,
    IReadOnlyList<double> HistogramEdges,
    double ValidPixels,
    double MaskedPixels,
    double ValidPercent)
{
    /// <summary>The JSON object TiTiler returns, keys in its order, with the band's description; NaN becomes null.</summary>
    public Dictionary<string, object?> ToJson(string description)
    {
        var json = new Dictionary<string, object?>
        {
            ["min"] = Num(Min),
            ["max"] = Num(Max),
            ["mean"] = Num(Mean),
            ["count"] = Count,
            ["sum"] = Num(Sum),
            ["std"] = Num(Std),
            ["median"] = Num(Median),
            ["majority"] = Num(Majority),
            ["minority"] = Num(Minority),
            ["unique"] = Unique,
        };
        foreach (var (p, value) in Percentiles)
            json[$"percentile_{p}"] = Num(value);
        json["histogram"] = new object[] { HistogramCounts, HistogramEdges };
        json["valid_pixels"] = ValidPixels;
        json["masked_pixels"] = MaskedPixels;
        json["valid_percent"] = ValidPercent;
        json["description"] = description;
        return json;
    }

    private static double? Num(double value) => double.IsFinite(value) ? value : null;
}
