using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Algorithms;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>A request's source with everything that shapes its pixels before rescale: bands, expression, algorithm, feature mask.</summary>
/// <param name="Coverage">The request's feature and its pixel coverage (feature endpoints), else null.</param>
internal sealed record PreparedSource(IRasterSource Source, RenderOptions Options, string? Dialect, QueryReader Query, FeatureCoverage? Coverage);

/// <summary>The parse → resolve-source stages shared by every /cog and /stac handler.</summary>
internal sealed class TilerRequests(IPluginCatalog catalog, GridBuilder grids)
{
    public GridBuilder Grids => grids;

    public Task<IRasterSource> OpenAsync(ISourceResolver resolver, HttpRequest request, CancellationToken cancellationToken) =>
        resolver.OpenAsync(new QueryReader(request.Query), cancellationToken);

    /// <summary>Opens the source and applies band selection, an optional feature mask and an optional algorithm.</summary>
    public async Task<PreparedSource> PrepareAsync(ISourceResolver resolver, HttpRequest request, CancellationToken cancellationToken,
        GeoJsonFeature? feature = null)
    {
        var query = new QueryReader(request.Query);
        var algorithm = AlgorithmParser.Parse(query, catalog.Colormaps);
        var source = await resolver.OpenAsync(query, cancellationToken);
        return Prepare(resolver, request.Query, source, feature, algorithm);
    }

    /// <summary>The same for a source already open (one date of a time series).</summary>
    public PreparedSource Prepare(ISourceResolver resolver, IQueryCollection parameters, IRasterSource source, GeoJsonFeature? feature) =>
        Prepare(resolver, parameters, source, feature, AlgorithmParser.Parse(new QueryReader(parameters), catalog.Colormaps));

    private PreparedSource Prepare(ISourceResolver resolver, IQueryCollection parameters, IRasterSource source, GeoJsonFeature? feature, ParsedAlgorithm? algorithm)
    {
        var query = new QueryReader(parameters);
        var (options, dialect) = resolver.SelectBands(query, RenderParameters.Parse(parameters), source);
        var coverage = feature is null ? null : new FeatureCoverage(feature, CrsText.ToEpsg(query.String("coord_crs") ?? GridBuilder.DefaultCoordCrs), grids.Crs,
            query.Int("cover_scale", 1, PolygonCoverage.MaxCoverScale) ?? PolygonCoverage.DefaultCoverScale);
        if (coverage is not null)
            source = new MaskedSource(source, coverage);
        if (algorithm is not null)
        {
            var inputType = options.Unscale ? Abstractions.Raster.RasterDataType.Float32 : source.Info.DataType;
            var expression = options.Expression is null ? null : Compiler().Compile(options.Expression, inputType);
            source = new AlgorithmSource(source, algorithm, RenderPipeline.BandNames(options, source.Info), expression);
            options = options with { Bidx = null, Expression = null, Bands = source.Info.BandNames };
        }
        return new PreparedSource(source, options, dialect, query, coverage);
    }

    private Abstractions.Rendering.IExpressionCompiler Compiler() =>
        catalog.ExpressionCompiler ?? throw new InvalidParameterException("expression", "expression: the Expressions plugin is not loaded, so band math is not available");
}
