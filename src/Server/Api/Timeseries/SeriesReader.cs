using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Statistics;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Time;

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
/// as the pixels of the feature's .npy). A source that is one item is read as soon as it is opened, while the others
/// are still opening (its reads then overlap the other items' opens, as the notebook's parallel requests do); the
/// dates are known once every source is open, and a date of several items (or of a search's mosaic) is read then.
/// At most <see cref="Parallelism"/> reads run at once, fewer when the grid is large, so the pixels held at once stay
/// under <see cref="MemoryBudget"/>. An item read early that shares its date with others is read again with them
/// (from the block cache): only the first of them that fills the area would have been read otherwise.
/// </summary>
internal sealed class SeriesReader(TilerRequests requests, IRenderPipeline pipeline)
{
    private const int Parallelism = 32;
    private const long MemoryBudget = 256L << 20;

    /// <param name="opening">The timed sources of the request, each still opening: one per listed item, or a search's mosaic.</param>
    public async Task<IReadOnlyList<SeriesValue>> ReadAsync(ISourceResolver resolver, IQueryCollection parameters,
        IReadOnlyList<Task<ITimedSource>> opening, TimeResolution grouping, SeriesArea area, StatisticsParameters statistics, ImageSize size,
        CancellationToken cancellationToken)
    {
        var query = new QueryReader(parameters);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var early = new SemaphoreSlim(Parallelism);
        var alone = opening.Select(open => ReadAloneAsync(open, resolver, parameters, query, area, statistics, size, early, stop.Token)).ToArray();
        try
        {
            var dates = SeriesDates.Group(await Task.WhenAll(opening), grouping);
            if (dates.Count == 0)
                throw new ResourceNotFoundException("none of the items has a datetime (or start_datetime), so there is no date to report");
            var read = (await Task.WhenAll(alone)).OfType<(IRasterSource Source, BandSeriesValue[] Bands)>().ToDictionary(r => r.Source, r => r.Bands);
            var results = new SeriesValue[dates.Count];
            var first = Grid(requests.Prepare(resolver, parameters, dates[0].Source, area.Feature), area, query, size);
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxReads(first, dates[0].Source), CancellationToken = stop.Token };
            await Parallel.ForEachAsync(Enumerable.Range(0, dates.Count), options, async (i, ct) =>
            {
                var date = dates[i];
                results[i] = new SeriesValue(date.Start, date.Label, date.Items, date.Items.Count == 1 && read.TryGetValue(date.Source, out var bands)
                    ? bands
                    : await ReadBandsAsync(date.Source, resolver, parameters, query, area, statistics, size, ct));
            });
            return results;
        }
        finally
        {
            await stop.CancelAsync();
            await ((Task)Task.WhenAll(alone)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The statistics of a source that is one item (its only date is itself), read once it is open; null for others, or when its grid is too large to read early.</summary>
    private async Task<(IRasterSource Source, BandSeriesValue[] Bands)?> ReadAloneAsync(Task<ITimedSource> opening, ISourceResolver resolver,
        IQueryCollection parameters, QueryReader query, SeriesArea area, StatisticsParameters statistics, ImageSize size, SemaphoreSlim slots,
        CancellationToken cancellationToken)
    {
        var source = await opening;
        if (source.Times is not [var part] || !ReferenceEquals(source.During([part.Time]), source)
            || MaxReads(Grid(requests.Prepare(resolver, parameters, source, area.Feature), area, query, size), source) < Parallelism)
            return null;
        await slots.WaitAsync(cancellationToken);
        try
        {
            return (source, await ReadBandsAsync(source, resolver, parameters, query, area, statistics, size, cancellationToken));
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<BandSeriesValue[]> ReadBandsAsync(IRasterSource source, ISourceResolver resolver, IQueryCollection parameters,
        QueryReader query, SeriesArea area, StatisticsParameters statistics, ImageSize size, CancellationToken cancellationToken)
    {
        var prepared = requests.Prepare(resolver, parameters, source, area.Feature);
        var grid = Grid(prepared, area, query, size);
        using var data = await pipeline.ReadAsync(new RenderRequest(prepared.Source, grid, prepared.Options, ImageFormat.Npy), cancellationToken);
        var labels = BandLabels.Of(data, prepared);
        var bands = new BandSeriesValue[data.BandCount];
        for (var b = 0; b < bands.Length; b++)
            bands[b] = new BandSeriesValue(labels.Names[b], labels.Descriptions[b], StatisticsCalculator.Compute(data.Band(b), data.Mask, statistics));
        return bands;
    }

    /// <summary>Reads of this grid that fit the memory budget at once, at most <see cref="Parallelism"/>.</summary>
    private static int MaxReads(TargetGrid grid, IRasterSource source)
    {
        var bytesPerRead = (long)grid.Width * grid.Height * 4 * (source.Info.BandNames.Count + 1);
        return (int)Math.Clamp(MemoryBudget / Math.Max(1, bytesPerRead), 1, Parallelism);
    }

    private TargetGrid Grid(PreparedSource prepared, SeriesArea area, QueryReader query, ImageSize size) =>
        requests.Grids.Part(prepared.Source.Info, area.Bounds, query.String("coord_crs"), query.String("dst_crs"), size);
}
