using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Api.Sources;

/// <summary>
/// TiTiler's tile <c>padding</c>: each read covers <paramref name="padding"/> more pixels on every side of the grid
/// and is cropped back to it. rio-tiler pads so that resampling near a tile's edge has neighbours; our warper already
/// reads source pixels beyond the edge for its kernels, so padding changes at most where the approximate
/// transformer's interpolation grid falls (≤ 0.125 pixel), as it does in GDAL.
/// </summary>
internal sealed class PaddedSource(IRasterSource inner, int padding) : IRasterSource
{
    public string Id => $"{inner.Id}|padding:{padding}";

    public SourceInfo Info => inner.Info;

    public string Version => inner.Version;

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var padded = GridMargin.Grow(grid, padding);
        using var read = await inner.ReadAsync(padded, bands, options, cancellationToken);
        return Crop(read, grid.Width, grid.Height);
    }

    private RasterData Crop(RasterData read, int width, int height)
    {
        var output = RasterData.Create(width, height, read.BandNames);
        for (var row = 0; row < height; row++)
        {
            var from = (row + padding) * read.Width + padding;
            for (var b = 0; b < read.BandCount; b++)
                read.Band(b).Slice(from, width).CopyTo(output.Band(b).Slice(row * width, width));
            read.Mask.Slice(from, width).CopyTo(output.Mask.Slice(row * width, width));
            if (read.HasAlpha)
                read.Alpha.Slice(from, width).CopyTo(output.AddAlpha(read.OpaqueAlpha).Slice(row * width, width));
        }
        return output;
    }
}
