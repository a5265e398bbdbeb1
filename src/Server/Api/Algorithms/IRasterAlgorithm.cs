using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// A TiTiler algorithm applied between read and rescale. <see cref="Buffer"/> extra pixels are read on every side and
/// removed by <see cref="Apply"/>, so neighbourhood algorithms (hillshade) have no seams between tiles.
/// </summary>
internal interface IRasterAlgorithm
{
    string Name { get; }

    int InputBands { get; }

    int Buffer { get; }

    /// <summary>Output band names for the given input band names.</summary>
    IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames);

    /// <summary>New data of (input size − 2·Buffer) pixels per side; the caller disposes both.</summary>
    RasterData Apply(RasterData input);
}
