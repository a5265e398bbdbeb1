using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// The values of one layer's bands (or expression outputs) at a pixel; null where the pixel holds no data.
/// <see cref="Series"/>: the values at each of the layer's dates when the request's time covers several, else null.
/// </summary>
internal sealed record PointValues(string Layer, string Crs, double X, double Y, IReadOnlyList<(string Band, double? Value)> Values,
    IReadOnlyList<PointAtTime>? Series = null);

/// <summary>The values at a pixel read from one date of a time-enabled layer.</summary>
internal sealed record PointAtTime(string Time, IReadOnlyList<(string Band, double? Value)> Values);

/// <summary>Reads the pixel (i, j) of a grid through the pipeline, as a 1×1 grid covering exactly that pixel.</summary>
internal static class PointQuery
{
    private const int SeriesParallelism = 8;

    /// <param name="time">The request's time on a time-enabled layer: when it covers several dates the answer also holds the value at each.</param>
    public static async Task<PointValues> ReadAsync(IRenderPipeline pipeline, OgcLayer layer, RenderOptions options, TargetGrid grid, int i, int j,
        CancellationToken cancellationToken, TimeSelection? time = null)
    {
        var minX = grid.MinX + i * grid.ResolutionX;
        var maxY = grid.MaxY - j * grid.ResolutionY;
        var pixel = new TargetGrid(grid.Crs, minX, maxY - grid.ResolutionY, minX + grid.ResolutionX, maxY, 1, 1);
        var values = await ValuesAsync(pipeline, layer.Source, options, pixel, cancellationToken);
        var series = time is null ? null : await SeriesAsync(pipeline, layer, options, pixel, time, cancellationToken);
        return new PointValues(layer.Id, grid.Crs, minX + grid.ResolutionX / 2, maxY - grid.ResolutionY / 2, values, series);
    }

    private static async Task<(string, double?)[]> ValuesAsync(IRenderPipeline pipeline, IRasterSource source, RenderOptions options, TargetGrid pixel, CancellationToken cancellationToken)
    {
        using var data = await pipeline.ReadAsync(new RenderRequest(source, pixel, options, ImageFormat.Png), cancellationToken);
        var valid = data.Mask[0] != 0;
        var values = new (string, double?)[data.BandCount];
        for (var b = 0; b < data.BandCount; b++)
            values[b] = (data.BandNames[b], valid ? data.Band(b)[0] : null);
        return values;
    }

    /// <summary>The pixel read at each date of the layer the selection covers (concurrently, bounded); null when it covers one.</summary>
    private static async Task<PointAtTime[]?> SeriesAsync(IRenderPipeline pipeline, OgcLayer layer, RenderOptions options, TargetGrid pixel,
        TimeSelection time, CancellationToken cancellationToken)
    {
        if (layer.Time is not { } dimension || layer.Source is not ITimedSource timed)
            return null;
        var dates = dimension.Steps.Where(s => time.Ranges.Any(s.Range.Meets))
            .Select(s => (s.Label, Source: timed.During([s.Range]))).Where(d => d.Source is not null).ToArray();
        if (dates.Length < 2)
            return null;
        var series = new PointAtTime[dates.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SeriesParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, dates.Length), parallel, async (d, ct) =>
            series[d] = new PointAtTime(dates[d].Label, await ValuesAsync(pipeline, dates[d].Source!, options, pixel, ct)));
        return series;
    }
}
