using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// TiTiler's cast, ceil and floor: every band to uint8 as numpy's <c>astype("uint8")</c> (truncation toward zero,
/// then wrapping modulo 256), after rounding up or down for ceil and floor.
/// </summary>
internal sealed class IntegerCasts(string name, Func<double, double> round) : IRasterAlgorithm
{
    public static IntegerCasts Cast() => new("cast", Math.Truncate);

    public static IntegerCasts Ceil() => new("ceil", Math.Ceiling);

    public static IntegerCasts Floor() => new("floor", Math.Floor);

    public string Name { get; } = name;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => inputNames;

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, input.BandNames);
        input.Mask.CopyTo(output.Mask);
        for (var b = 0; b < input.BandCount; b++)
        {
            var source = input.Band(b);
            var target = output.Band(b);
            for (var i = 0; i < source.Length; i++)
                target[i] = ToUInt8(round(source[i]));
        }
        return output;
    }

    /// <summary>numpy float → uint8 on x86: through int32 (NaN → 0), keeping the low byte.</summary>
    public static float ToUInt8(double v) => double.IsNaN(v) ? 0 : unchecked((byte)(int)v);
}
