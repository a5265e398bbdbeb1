using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// TiTiler's min, max, median, mean, std, var and sum along the bands axis: one band named after the reduction.
/// std and var use ddof = 1 (as TiTiler), so one band gives a masked result.
/// </summary>
internal sealed class BandReduction(string name, Func<float[], double> reduce) : IRasterAlgorithm
{
    public static readonly IReadOnlyDictionary<string, Func<float[], double>> Reductions = new Dictionary<string, Func<float[], double>>
    {
        ["min"] = v => v.Min(),
        ["max"] = v => v.Max(),
        ["median"] = Median,
        ["mean"] = v => v.Average(x => (double)x),
        ["std"] = v => Math.Sqrt(Variance(v)),
        ["var"] = Variance,
        ["sum"] = v => v.Sum(x => (double)x),
    };

    public string Name { get; } = name;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => [Name];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, [Name]);
        input.Mask.CopyTo(output.Mask);
        var target = output.Band(0);
        var values = new float[input.BandCount];
        for (var i = 0; i < target.Length; i++)
        {
            for (var b = 0; b < values.Length; b++)
                values[b] = input.Band(b)[i];
            var result = reduce(values);
            target[i] = (float)result;
            if (!double.IsFinite(result))
                output.Mask[i] = 0;
        }
        return output;
    }

    private static double Median(float[] values)
    {
        var sorted = values.Order().ToArray();
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + (double)sorted[m]) / 2;
    }

    private static double Variance(float[] values)
    {
        if (values.Length < 2)
            return double.NaN;
        var mean = values.Average(x => (double)x);
        return values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1);
    }
}
