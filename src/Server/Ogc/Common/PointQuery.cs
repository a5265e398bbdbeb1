using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>The values of one layer's bands (or expression outputs) at a pixel; null where the pixel holds no data.</summary>
internal sealed record PointValues(string Layer, string Crs, double X, double Y, IReadOnlyList<(string Band, double? Value)> Values);

/// <summary>Reads the pixel (i, j) of a grid through the pipeline, as a 1×1 grid covering exactly that pixel.</summary>
internal static class PointQuery
{
    public static async Task<PointValues> ReadAsync(IRenderPipeline pipeline, OgcLayer layer, RenderOptions options, TargetGrid grid, int i, int j, CancellationToken cancellationToken)
    {
        var minX = grid.MinX + i * grid.ResolutionX;
        var maxY = grid.MaxY - j * grid.ResolutionY;
        var pixel = new TargetGrid(grid.Crs, minX, maxY - grid.ResolutionY, minX + grid.ResolutionX, maxY, 1, 1);
        using var data = await pipeline.ReadAsync(new RenderRequest(layer.Source, pixel, options, ImageFormat.Png), cancellationToken);
        var valid = data.Mask[0] != 0;
        var values = new (string, double?)[data.BandCount];
        for (var b = 0; b < data.BandCount; b++)
            values[b] = (data.BandNames[b], valid ? data.Band(b)[0] : null);
        return new PointValues(layer.Id, grid.Crs, minX + grid.ResolutionX / 2, maxY - grid.ResolutionY / 2, values);
    }
}
