using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Sources;

/// <summary>What differs between /cog and /stac: how <c>url</c> becomes a source, and how bands are selected.</summary>
internal interface ISourceResolver
{
    /// <summary>The route prefix, "cog" or "stac".</summary>
    string Name { get; }

    Task<IRasterSource> OpenAsync(QueryReader query, CancellationToken cancellationToken);

    /// <summary>The <c>info</c> document: TiTiler's Info for a COG, a dictionary of Info per asset for a STAC item.</summary>
    Task<Dictionary<string, object?>> InfoAsync(QueryReader query, CancellationToken cancellationToken);

    /// <summary>Band selection of the request on top of the parsed render options, and the TiTiler dialect it used.</summary>
    (RenderOptions Options, string? Dialect) SelectBands(QueryReader query, RenderOptions options, IRasterSource source);
}
