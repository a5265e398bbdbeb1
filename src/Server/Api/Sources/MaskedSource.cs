using System.Security.Cryptography;
using System.Text;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Api.Sources;

/// <summary>
/// A source whose reads are masked where a feature does not touch the pixel (the feature endpoints; rio-tiler masks
/// with all_touched); an alpha band becomes transparent there too, as GDAL's cutline clears it.
/// </summary>
internal sealed class MaskedSource(IRasterSource inner, FeatureCoverage coverage) : IRasterSource
{
    // A content hash, not string.GetHashCode: ids key shared caches, so they must be the same in every process.
    public string Id { get; } = inner.Id + "|feature:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(coverage.Feature.Json.ToJsonString())), 0, 8);

    public SourceInfo Info => inner.Info;

    public string Version => inner.Version;

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var data = await inner.ReadAsync(grid, bands, options, cancellationToken);
        var fractions = coverage.For(grid);
        var mask = data.Mask;
        var alpha = data.Alpha;
        var hasAlpha = data.HasAlpha;
        for (var i = 0; i < mask.Length; i++)
        {
            if (fractions[i] == 0)
            {
                mask[i] = 0;
                if (hasAlpha)
                    alpha[i] = 0;
            }
        }
        return data;
    }
}
