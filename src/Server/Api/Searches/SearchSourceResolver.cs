using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// <c>/searches/{id}</c> and <c>/collections/{id}</c>: the search as a mosaic with the request's <c>assets</c>, <c>pixel_selection</c>
/// and <c>datetime</c> (which narrows the registered one); bands come from assets as on /stac. One resolver per
/// request, as the search is part of the path.
/// </summary>
internal sealed class SearchSourceResolver(RegisteredSearch search, string name, SearchRegistry registry) : ISourceResolver
{
    public string Name => name;

    public Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken)
    {
        var options = TimeOptions(search, query);
        if (query.String("pixel_selection") is { } pixelSelection)
            options["pixel_selection"] = pixelSelection;
        if (RequestedAssets(query) is { Count: > 0 } assets)
            options["assets"] = string.Join(',', assets);
        return registry.OpenAsync(search, options, cancellationToken);
    }

    /// <summary>The request's assets, none with an expression (which names them); titiler-pgstac requires one or the other on every rendering route.</summary>
    public static IReadOnlyList<string> RequestedAssets(QueryReader query) =>
        StacSourceResolver.ListedAssets(query) is { Count: > 0 } assets ? assets
        : query.String("expression") is not null ? []
        : throw new InvalidParameterException("assets", "assets must be defined either via expression or assets options");

    /// <summary>The source options of the request's <c>datetime</c>, narrowing the search's; none without one.</summary>
    public static Dictionary<string, string> TimeOptions(RegisteredSearch search, QueryReader query) =>
        query.String("datetime") is { } datetime
            ? new() { ["datetime"] = DatetimeNarrowing.Narrow(search.Search["datetime"]?.GetValue<string>(), datetime) }
            : [];

    public Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken) =>
        Task.FromResult(new Dictionary<string, object?> { ["search"] = search.ToJson() });

    public (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source)
    {
        var selection = AssetSelector.Resolve(query, new AssetBands(source.Info.BandNames));
        return (options with { Bidx = null, Bands = selection.Bands, Expression = selection.Expression }, selection.Dialect);
    }
}
