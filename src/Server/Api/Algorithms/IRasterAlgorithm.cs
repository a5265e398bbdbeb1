using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>What an algorithm may need besides the pixels: the grid they were read on and the source's data type.</summary>
internal readonly record struct AlgorithmInput(TargetGrid Grid, RasterDataType DataType);

/// <summary>
/// A TiTiler algorithm applied between read and rescale. <see cref="Buffer"/> extra pixels are read on every side and
/// removed by <see cref="Apply"/>, so neighbourhood algorithms (hillshade, slope) have no seams between tiles.
/// </summary>
internal interface IRasterAlgorithm
{
    string Name { get; }

    int InputBands { get; }

    int Buffer { get; }

    /// <summary>Whether the algorithm works on that many bands (by default: at least <see cref="InputBands"/>).</summary>
    bool Accepts(int bandCount) => bandCount >= InputBands;

    /// <summary>Output band names for the given input band names.</summary>
    IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames);

    /// <summary>New data of (input size − 2·Buffer) pixels per side; the caller disposes both.</summary>
    RasterData Apply(RasterData input, AlgorithmInput context);
}
