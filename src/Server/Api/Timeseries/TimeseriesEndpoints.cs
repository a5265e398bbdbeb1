using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Timeseries;

/// <summary>
/// <c>GET|POST …/timeseries[.{json|csv|png|svg}]</c>: per date, the statistics of the request's bands or expression
/// over an area (<c>bbox</c>, or the POST body's GeoJSON geometry), read as <c>bbox</c>/<c>feature</c> read it.
/// On /stac the dates come from the items listed in <c>url</c> (repeated); on a registered search from its items.
/// </summary>
internal static class TimeseriesEndpoints
{
    /// <summary>Most items one /stac request may list.</summary>
    public const int MaxItems = 500;

    private const int OpenParallelism = 32;

    public static RouteGroupBuilder MapTimeseries(this RouteGroupBuilder group, ISourceResolver resolver)
    {
        foreach (var pattern in (string[])["/timeseries", "/timeseries.{format}"])
        {
            group.MapGet(pattern, (string? format, HttpContext c, SeriesReader r) => ItemsAsync(resolver, format, c, r));
            group.MapPost(pattern, (string? format, HttpContext c, SeriesReader r) => ItemsAsync(resolver, format, c, r));
        }
        return group;
    }

    private static Task<IResult> ItemsAsync(ISourceResolver resolver, string? format, HttpContext context, SeriesReader reader) =>
        HandleAsync(resolver, format, context, reader, ct => OpenItems(resolver, context.Request.Query, ct));

    /// <summary>Parse → open the timed sources → group into dates → read and summarise each date → write.</summary>
    /// <param name="open">Starts opening the timed sources of the request: one per listed item, or a search's mosaic.</param>
    public static async Task<IResult> HandleAsync(ISourceResolver resolver, string? format, HttpContext context, SeriesReader reader,
        Func<CancellationToken, IReadOnlyList<Task<ITimedSource>>> open)
    {
        var query = new QueryReader(context.Request.Query);
        var output = SeriesFormats.Parse(format);
        var groupBy = query.String("group_by") ?? "day";
        var grouping = SeriesDates.ParseGrouping(groupBy);
        var statistics = StatisticsParameters.Parse(query);
        var size = ImageSize.Parse(query, null);
        var area = await ReadAreaAsync(context.Request, query);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var opening = open(stop.Token);
        try
        {
            var values = await reader.ReadAsync(resolver, context.Request.Query, opening, grouping, area, statistics, size, stop.Token);
            return SeriesFormats.Write(output, values, groupBy.Trim().ToLowerInvariant(), area.Bounds);
        }
        finally
        {
            await stop.CancelAsync();
            await ((Task)Task.WhenAll(opening)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts opening every <c>url</c> as a STAC item, at most <see cref="OpenParallelism"/> at once, in the order given.</summary>
    private static Task<ITimedSource>[] OpenItems(ISourceResolver resolver, IQueryCollection query, CancellationToken cancellationToken)
    {
        var urls = new QueryReader(query).List("url");
        if (urls.Count == 0)
            throw new InvalidParameterException("url", "url: required (one or more STAC item URLs, repeated: url=…&url=…)");
        if (urls.Count > MaxItems)
            throw new InvalidParameterException("url", $"url: {urls.Count} items listed; at most {MaxItems} per request");
        var slots = new SemaphoreSlim(OpenParallelism);
        return [.. urls.Select(async url =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var source = await resolver.OpenAsync(new QueryReader(WithUrl(query, url)), cancellationToken);
                return source is ITimedSource { Times.Count: > 0 } timed
                    ? timed
                    : throw new InvalidParameterException("url", $"url: the item {url} has no datetime (or start_datetime), so it has no place in a time series");
            }
            finally
            {
                slots.Release();
            }
        })];
    }

    private static QueryCollection WithUrl(IQueryCollection query, string url)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value);
        values["url"] = url;
        return new QueryCollection(values);
    }

    /// <summary>GET: <c>bbox</c> (in <c>coord_crs</c>); POST: a Feature, a FeatureCollection of one, or a Polygon/MultiPolygon.</summary>
    private static async Task<SeriesArea> ReadAreaAsync(HttpRequest request, QueryReader query)
    {
        var bbox = query.String("bbox");
        if (!HttpMethods.IsPost(request.Method))
            return new SeriesArea(ParseBbox(bbox ?? throw new InvalidParameterException("bbox", "bbox: required (minx,miny,maxx,maxy), or POST a GeoJSON geometry")), null);
        if (bbox is not null)
            throw new InvalidParameterException("bbox", "bbox: give either bbox or a POST body with a geometry, not both");
        var (_, features) = GeoJsonFeatures.Parse(await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted));
        if (features.Count > 1)
            throw new InvalidParameterException("body", $"body: a time series covers one geometry; the FeatureCollection has {features.Count}");
        return new SeriesArea(features[0].Bounds, features[0]);
    }

    private static Bounds ParseBbox(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
            throw new InvalidParameterException("bbox", $"bbox: '{text}' is not minx,miny,maxx,maxy");
        var v = parts.Select(p => QueryReader.ParseDouble("bbox", p)).ToArray();
        if (v.Any(double.IsNaN))
            throw new InvalidParameterException("bbox", $"bbox: '{text}' is not minx,miny,maxx,maxy");
        return new Bounds(v[0], v[1], v[2], v[3]);
    }
}
