using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// TiTiler's grayscale: ITU-R 601-2 luma of bands 1..3 (299/587/114 per mille), kept in the source's data type
/// (integer data is truncated, as numpy's astype).
/// </summary>
internal sealed class Grayscale : IRasterAlgorithm
{
    public string Name => "grayscale";

    public int InputBands => 3;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["grayscale"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, ["grayscale"]);
        input.Mask.CopyTo(output.Mask);
        var integer = context.DataType is not (RasterDataType.Float32 or RasterDataType.Float64);
        var target = output.Band(0);
        for (var i = 0; i < target.Length; i++)
        {
            var luma = Luma(input, i);
            target[i] = (float)(integer ? Math.Truncate(luma) : luma);
        }
        return output;
    }

    public static double Luma(RasterData input, int i) =>
        input.Band(0)[i] * 299.0 / 1000 + input.Band(1)[i] * 587.0 / 1000 + input.Band(2)[i] * 114.0 / 1000;
}

/// <summary>TiTiler's bitonal: one band, or the luma of three, above 127 → 255, else 0 (uint8).</summary>
internal sealed class Bitonal : IRasterAlgorithm
{
    public string Name => "bitonal";

    public int InputBands => 1;

    public int Buffer => 0;

    public bool Accepts(int bandCount) => bandCount is 1 or 3;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["bitonal"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, ["bitonal"]);
        input.Mask.CopyTo(output.Mask);
        var target = output.Band(0);
        for (var i = 0; i < target.Length; i++)
        {
            var v = input.BandCount == 3 ? Grayscale.Luma(input, i) : input.Band(0)[i];
            target[i] = v > 127 ? 255 : 0;
        }
        return output;
    }
}
