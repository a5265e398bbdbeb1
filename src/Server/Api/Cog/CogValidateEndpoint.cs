using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Api.Cog;

/// <summary>
/// <c>/cog/validate</c>: TiTiler's cogeo extension, rio-cogeo's <c>cog_info</c> document — the layout checks
/// (<c>COG</c>, <c>COG_errors</c>, <c>COG_warnings</c>; <c>strict</c> makes warnings errors) with the file's profile,
/// georeferencing and images.
/// </summary>
internal static class CogValidateEndpoint
{
    public static async Task<IResult> ValidateAsync(HttpContext context, IAccessPolicy policy, IHttpClientFactory http,
        IRasterOpener rasters, CogSourceResolver cog, TilerRequests requests, TileMatrixSetRegistry sets)
    {
        var query = new QueryReader(context.Request.Query);
        var strict = query.Bool("strict") ?? false;
        var url = policy.EnsureAllowed(SourceUrl.Required(query));
        var cancellationToken = context.RequestAborted;
        var validation = await CogValidator.ValidateAsync(url, http.CreateClient(UpstreamHttp.ClientName), cancellationToken);
        var info = (await rasters.OpenAsync(url, cancellationToken)).Info;
        var zooms = sets.TryGet("WebMercatorQuad", out var set)
            ? ZoomLevels.Range((await cog.OpenAsync(query, cancellationToken)).Info, set, requests.Grids.Crs)
            : ((int, int)?)null;
        return Results.Json(new Dictionary<string, object?>
        {
            ["Path"] = url,
            ["Driver"] = "GTiff",
            ["COG"] = validation.IsValid(strict),
            // GDAL reports no COMPRESSION for uncompressed files
            ["Compression"] = validation.Compression == TiffCompressions.None ? null : TiffCompressions.Name(validation.Compression),
            ["COG_errors"] = validation.Errors.Count > 0 ? validation.Errors : null,
            ["COG_warnings"] = validation.Warnings.Count > 0 ? validation.Warnings : null,
            ["Profile"] = Profile(info, validation),
            ["GEO"] = Geo(info, zooms),
            ["IFD"] = validation.Ifds.Select(i => new Dictionary<string, object>
            {
                ["Level"] = i.Level,
                ["Width"] = i.Width,
                ["Height"] = i.Height,
                ["Blocksize"] = new[] { i.BlockHeight, i.BlockWidth },
                ["Decimation"] = i.Decimation,
            }).ToArray(),
        });
    }

    private static Dictionary<string, object?> Profile(RasterInfo info, CogValidation validation)
    {
        var alpha = info.Bands.Any(b => b.IsAlpha);
        return new Dictionary<string, object?>
        {
            ["Bands"] = info.BandCount,
            ["Width"] = info.Width,
            ["Height"] = info.Height,
            ["Tiled"] = validation.Tiled,
            ["Dtype"] = InfoDocuments.DataTypeName(info.DataType),
            ["Interleave"] = validation.Planar ? "BAND" : "PIXEL",
            ["AlphaBand"] = alpha,
            ["InternalMask"] = info.HasMask && !alpha,
            ["Nodata"] = info.Nodata is { } nodata && double.IsFinite(nodata) ? nodata : null,
            ["ColorInterp"] = info.Bands.Select(b => b.ColorInterpretation ?? "gray").ToArray(),
            ["ColorMap"] = info.Bands.Any(b => b.ColorInterpretation == "palette"),
            ["Scales"] = info.Bands.Select(b => b.Scale).ToArray(),
            ["Offsets"] = info.Bands.Select(b => b.Offset).ToArray(),
        };
    }

    /// <param name="zooms">The WebMercatorQuad zoom range (rio-cogeo's get_zooms).</param>
    private static Dictionary<string, object?> Geo(RasterInfo info, (int Min, int Max)? zooms)
    {
        var g = info.GeoTransform;
        var b = info.NativeBounds;
        return new Dictionary<string, object?>
        {
            ["CRS"] = info.Crs,
            ["BoundingBox"] = new[] { b.MinX, b.MinY, b.MaxX, b.MaxY },
            ["Origin"] = new[] { g[0], g[3] },
            ["Resolution"] = new[] { g[1], g[5] },
            ["MinZoom"] = zooms?.Min,
            ["MaxZoom"] = zooms?.Max,
        };
    }
}
