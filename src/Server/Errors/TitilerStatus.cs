using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Errors;

/// <summary>
/// TiTiler's statuses on its routes (<c>/cog</c>, <c>/stac</c>, <c>/searches</c>, <c>/collections</c>): a request value that fails its
/// parameter's declared type, choices or range is FastAPI's 422; the checks TiTiler makes after validation (a custom
/// colormap's JSON, expressions, missing bands) stay 400.
/// </summary>
public static class TitilerStatus
{
    private static readonly string[] Prefixes = ["/cog", "/stac", "/searches", "/collections", "/algorithms", "/conformance"];

    /// <summary>Parameters whose errors TiTiler raises after FastAPI's validation (rio-tiler's InvalidExpression, MissingBands; the colormap dependency's own 400).</summary>
    private static readonly FrozenSet<string> CheckedAfterValidation =
        FrozenSet.ToFrozenSet(["colormap", "expression", "asset_expression", "asset_as_band", "bands"], StringComparer.Ordinal);

    public static bool Applies(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static int StatusCode(Exception exception) => exception is InvalidParameterException invalid && !CheckedAfterValidation.Contains(invalid.Parameter)
        ? StatusCodes.Status422UnprocessableEntity
        : ErrorMapping.StatusCode(exception);
}
