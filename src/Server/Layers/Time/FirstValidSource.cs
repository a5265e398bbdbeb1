using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Layers.Time;

/// <summary>
/// Several sources read as one picture: each pixel from the first source (in list order) that holds data there, as the
/// search mosaic's <c>first</c> selection; reading stops once every pixel is filled. The items of one date of a
/// /stac time series, the files of one date of a layer's <c>Source:Files</c>.
/// </summary>
internal sealed class FirstValidSource(IReadOnlyList<IRasterSource> sources) : IRasterSource
{
    public string Id { get; } = string.Join(" + ", sources.Select(s => s.Id));

    public SourceInfo Info => sources[0].Info;

    public string Version { get; } = string.Join(",", sources.Select(s => s.Version));

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var output = await sources[0].ReadAsync(grid, bands, options, cancellationToken);
        try
        {
            for (var s = 1; s < sources.Count && output.Mask.Contains((byte)0); s++)
            {
                using var read = await sources[s].ReadAsync(grid, bands, options, cancellationToken);
                output.FillGapsFrom(read);
            }
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
