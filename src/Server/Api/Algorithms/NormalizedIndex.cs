using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>(b2 − b1) / (b2 + b1) over the first two bands, float, -1..1; a zero sum is masked.</summary>
internal sealed class NormalizedIndex : IRasterAlgorithm
{
    public string Name => "normalizedIndex";

    public int InputBands => 2;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> n) => [$"({n[1]} - {n[0]}) / ({n[1]} + {n[0]})"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, OutputNames(input.BandNames));
        var b1 = input.Band(0);
        var b2 = input.Band(1);
        var result = output.Band(0);
        var mask = output.Mask;
        input.Mask.CopyTo(mask);
        for (var i = 0; i < result.Length; i++)
        {
            var value = (b2[i] - b1[i]) / (b2[i] + b1[i]);
            result[i] = value;
            if (!float.IsFinite(value))
                mask[i] = 0;
        }
        return output;
    }
}
