using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Statistics;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Timeseries;

/// <summary>The area of a time series: a bbox, or a GeoJSON feature (pixels it does not touch are masked).</summary>
internal sealed record SeriesArea(Bounds Bounds, GeoJsonFeature? Feature);

/// <summary>One band's (or expression output's) statistics at one date.</summary>
internal sealed record BandSeriesValue(string Name, string Description, BandStatistics Statistics);

/// <summary>The statistics of one date; <see cref="HasData"/> is false when no pixel of the area was valid.</summary>
internal sealed record SeriesValue(DateTimeOffset Start, string Label, IReadOnlyList<string> Items, IReadOnlyList<BandSeriesValue> Bands)
{
    public bool HasData => Bands.Any(b => b.Statistics.ValidPixels > 0);
}

/// <summary>
/// Reads every date of a series over the same area, as <c>bbox</c>/<c>feature</c> read one item (same grid, bands,
/// expression and mask), and summarises it with the <c>statistics</c> calculator over the valid pixels (unweighted,
/// as the pixels of the feature's .npy). Dates are read concurrently, at most <see cref="Parallelism"/> at a time and
/// fewer when the grid is large, so the pixels held at once stay under <see cref="MemoryBudget"/>.
/// </summary>
internal sealed class SeriesReader(TilerRequests requests, IRenderPipeline pipeline)
{
    private const int Parallelism = 8;
    private const long MemoryBudget = 256L << 20;

    public async Task<IReadOnlyList<SeriesValue>> ReadAsync(ISourceResolver resolver, IQueryCollection parameters, IReadOnlyList<SeriesDate> dates,
        SeriesArea area, StatisticsParameters statistics, ImageSize size, CancellationToken cancellationToken)
    {
        var query = new QueryReader(parameters);
        var first = Grid(requests.Prepare(resolver, parameters, dates[0].Source, area.Feature), area, query, size);
        var bytesPerRead = (long)first.Width * first.Height * 4 * (dates[0].Source.Info.BandNames.Count + 1);
        var results = new SeriesValue[dates.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = (int)Math.Clamp(MemoryBudget / Math.Max(1, bytesPerRead), 1, Parallelism),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, dates.Count), options, async (i, ct) =>
        {
            var prepared = requests.Prepare(resolver, parameters, dates[i].Source, area.Feature);
            var grid = Grid(prepared, area, query, size);
            using var data = await pipeline.ReadAsync(new RenderRequest(prepared.Source, grid, prepared.Options, ImageFormat.Npy), ct);
            results[i] = Summarise(dates[i], data, BandLabels.Of(data, prepared), statistics);
        });
        return results;
    }

    private TargetGrid Grid(PreparedSource prepared, SeriesArea area, QueryReader query, ImageSize size) =>
        requests.Grids.Part(prepared.Source.Info, area.Bounds, query.String("coord_crs"), query.String("dst_crs"), size);

    private static SeriesValue Summarise(SeriesDate date, RasterData data, BandLabels labels, StatisticsParameters parameters)
    {
        var bands = new BandSeriesValue[data.BandCount];
        for (var b = 0; b < bands.Length; b++)
            bands[b] = new BandSeriesValue(labels.Names[b], labels.Descriptions[b], StatisticsCalculator.Compute(data.Band(b), data.Mask, parameters));
        return new SeriesValue(date.Start, date.Label, date.Items, bands);
    }
}
