using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// <c>categorical</c>, <c>c</c> (categories), <c>p</c> (percentiles, default 2 and 98), <c>histogram_bins</c>
/// (a count, default 10, or comma-separated increasing edges) and <c>histogram_range</c> ("min,max").
/// </summary>
internal sealed record StatisticsParameters(
    bool Categorical,
    IReadOnlyList<double>? Categories,
    IReadOnlyList<int> Percentiles,
    int BinCount,
    IReadOnlyList<double>? BinEdges,
    ValueRange? HistogramRange)
{
    public static StatisticsParameters Default { get; } = new(false, null, [2, 98], 10, null, null);

    public static StatisticsParameters Parse(QueryReader query)
    {
        var categories = query.CommaList("c");
        var percentiles = query.CommaList("p");
        var (count, edges) = Bins(query.String("histogram_bins"));
        var range = query.String("histogram_range") is { } r ? QueryReader.ParseRange("histogram_range", r) : (ValueRange?)null;
        if (range is { } hr && hr.Min > hr.Max)
            throw new InvalidParameterException("histogram_range", $"histogram_range: min {hr.Min} is greater than max {hr.Max}");
        return new StatisticsParameters(
            query.Bool("categorical") ?? false,
            categories.Count == 0 ? null : categories.Select(c => Finite("c", c)).ToArray(),
            percentiles.Count == 0 ? [2, 98] : percentiles.Select(p => QueryReader.ParseInt("p", p, 0, 100)).ToArray(),
            count,
            edges,
            range);
    }

    private static (int Count, IReadOnlyList<double>? Edges) Bins(string? text)
    {
        if (text is null)
            return (10, null);
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
            return (QueryReader.ParseInt("histogram_bins", parts[0], 1, 10_000), null);
        var edges = parts.Select(p => Finite("histogram_bins", p)).ToArray();
        for (var i = 1; i < edges.Length; i++)
        {
            if (edges[i] < edges[i - 1])
                throw new InvalidParameterException("histogram_bins", $"histogram_bins: edges must increase monotonically ('{text}')");
        }
        return (edges.Length - 1, edges);
    }

    private static double Finite(string name, string text)
    {
        var value = QueryReader.ParseDouble(name, text);
        return double.IsNaN(value) ? throw new InvalidParameterException(name, $"{name}: '{text}' is not a number") : value;
    }
}
