using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Api.Sources;

/// <summary>
/// A source whose reads are masked where a feature does not touch the pixel (the feature endpoints; rio-tiler masks
/// with all_touched).
/// </summary>
internal sealed class MaskedSource(IRasterSource inner, FeatureCoverage coverage) : IRasterSource
{
    public string Id => inner.Id + "|feature:" + coverage.Feature.Json.ToJsonString().GetHashCode();

    public SourceInfo Info => inner.Info;

    public string Version => inner.Version;

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var data = await inner.ReadAsync(grid, bands, options, cancellationToken);
        var fractions = coverage.For(grid);
        var mask = data.Mask;
        for (var i = 0; i < mask.Length; i++)
        {
            if (fractions[i] == 0)
                mask[i] = 0;
        }
        return data;
    }
}
