using System.Text.RegularExpressions;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary><c>tiles/{tileMatrixSetId}/{z}/{x}/{y}[@{scale}x][.{format}]</c>.</summary>
internal static partial class TileEndpoint
{
    public static async Task<IResult> HandleAsync(
        ISourceResolver resolver, string tms, int z, int x, string tile, HttpContext context,
        TilerRequests requests, TileGrids tileGrids, IRenderPipeline pipeline, TileCache cache, ServerOptions options)
    {
        var (y, scale, format) = ParseTile(tile);
        var query = new QueryReader(context.Request.Query);
        var tileParameters = TileParameters.Parse(query, scale);
        var grid = Grid(tileGrids.TileGrid(tms, z, x, y), tileParameters);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        if (prepared.Source is AlgorithmSource { Buffer: > 0 } algorithm)
            grid = AlgorithmCrop(grid, algorithm.Buffer);
        if (!requests.Grids.Overlaps(prepared.Source.Info, grid))
            throw new ResourceNotFoundException($"tile outside bounds: {tms}/{z}/{x}/{y} does not intersect {prepared.Source.Id}");
        var source = tileParameters.Padding > 0 ? new PaddedSource(prepared.Source, tileParameters.Padding) : prepared.Source;
        var key = TileKey.ForSource(resolver.Name, source.Id, tileGrids.Registry.Get(tms).Id, z, x, y, grid, format, prepared.Options);
        var lookup = cache.Lookup(key, prepared.Source.Version);
        if (TileResults.NotModified(context, lookup, options.Cache.Tiles.MaxAgeSeconds) is { } notModified)
            return notModified;
        var (rendered, origin) = await cache.GetOrRenderAsync(lookup,
            ct => pipeline.RenderAsync(new RenderRequest(source, grid, prepared.Options, format, AlphaWhenOpaque: true), ct), context.RequestAborted);
        return ImageResults.Send(context, rendered, origin, grid, Dialect(prepared.Dialect, tileParameters), options.Cache.Tiles.MaxAgeSeconds);
    }

    /// <summary>The tile's grid at the requested size, grown by the buffer (TiTiler: tilesize + 2·buffer pixels).</summary>
    internal static TargetGrid Grid(TargetGrid tile, TileParameters parameters)
    {
        var size = parameters.Resolve(tile.Width);
        var resX = (tile.MaxX - tile.MinX) / size;
        var resY = (tile.MaxY - tile.MinY) / size;
        var b = parameters.Buffer;
        return new TargetGrid(tile.Crs, tile.MinX - b * resX, tile.MinY - b * resY, tile.MaxX + b * resX, tile.MaxY + b * resY,
            parameters.WithBuffer(size), parameters.WithBuffer(size));
    }

    /// <summary>
    /// TiTiler reads the tile (with its <c>buffer</c>) and the algorithm crops its own buffer from that: the answer is
    /// smaller by the algorithm's buffer on every side (hillshade with buffer=3 gives 256×256 again).
    /// </summary>
    private static TargetGrid AlgorithmCrop(TargetGrid grid, int buffer) =>
        GridMargin.Grow(grid, -Math.Min(buffer, (Math.Min(grid.Width, grid.Height) - 1) / 2));

    internal static (int Y, int? Scale, ImageFormat Format) ParseTile(string tile)
    {
        var match = TilePattern().Match(tile);
        if (!match.Success)
            throw new ResourceNotFoundException($"'{tile}' is not y[@{{scale}}x][.{{format}}] (e.g. 12, 12@2x, 12.png, 12@2x.webp)");
        var y = QueryReader.ParseInt("y", match.Groups[1].Value, 0);
        int? scale = match.Groups[2].Success ? QueryReader.ParseInt("scale", match.Groups[2].Value, 1, 4) : null;
        return (y, scale, OutputFormats.Parse(match.Groups[3].Success ? match.Groups[3].Value : null));
    }

    private static string? Dialect(string? assets, TileParameters tile) =>
        (tile.TileSize, tile.Scale) switch
        {
            (not null, not null) => Join(assets, "tilesize (2.x) overrides @{scale}x (1.x)"),
            (null, not null) => Join(assets, "tile size from @{scale}x (1.x)"),
            _ => assets,
        };

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";

    [GeneratedRegex(@"^(\d+)(?:@(\d+)x)?(?:\.([A-Za-z]+))?$")]
    private static partial Regex TilePattern();
}
