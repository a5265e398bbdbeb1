using System.Globalization;
using System.Text;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Layers;

/// <summary>
/// The tile-cache key of every door, built by one rule: the parts that name the picture, then the request's parsed
/// render parameters in one canonical form (everything escaped), so the same request through the layer endpoint, WMTS
/// or the seeder shares one key, however its query is spelled, and no two different requests can collide.
/// </summary>
internal static class TileKey
{
    /// <summary>
    /// A layer tile (layer endpoint, WMTS GetTile, seeding): keyed on the parsed <paramref name="overrides"/> of the
    /// style (null: none), so the spelling of a query (parameter order and case, other parameters) does not split the cache.
    /// </summary>
    /// <param name="style">the style name; empty or null is "default".</param>
    /// <param name="selected">what the layer's Time selects for this request (values and their version), "" when it has none.</param>
    public static string ForLayer(
        string layerId, string tileMatrixSet, string matrix, int col, int row, ImageFormat format, string? style, RenderOptions? overrides, string selected = "") =>
        Build(
            ["layer", layerId, tileMatrixSet, matrix, Number(col), Number(row), format.Name, string.IsNullOrEmpty(style) ? "default" : style, selected],
            overrides is null ? [] : Given(overrides));

    /// <summary>
    /// A <c>/cog</c> or <c>/stac</c> tile, keyed on what the door parsed: the source (<paramref name="sourceId"/> names
    /// the url, the assets, the padding and the algorithm with its parameters), the tile, the <paramref name="grid"/> it
    /// is rendered on (tile size, buffer, overview rule, warped), the format and the <paramref name="options"/>, so the spelling of a
    /// query (parameter order and case, number spellings, <c>@2x</c> or <c>tilesize=512</c>) does not split the cache.
    /// </summary>
    public static string ForSource(
        string door, string sourceId, string tileMatrixSet, int z, int x, int y, TargetGrid grid, ImageFormat format, RenderOptions options) =>
        Build(
            [
                door, sourceId, tileMatrixSet, Number(z), Number(x), Number(y), grid.Crs, Number(grid.MinX), Number(grid.MinY),
                Number(grid.MaxX), Number(grid.MaxY), Number(grid.Width), Number(grid.Height), grid.Overviews.ToString(),
                grid.Warped ? "warped" : "plain", format.Name,
            ],
            Given(options));

    /// <summary>The values of <paramref name="options"/> that were given (differ from a new <see cref="RenderOptions"/>), in a fixed order.</summary>
    private static IEnumerable<(string Name, string Value)> Given(RenderOptions options)
    {
        (string Name, string? Value)[] all =
        [
            ("bidx", options.Bidx is { } bidx ? string.Join(',', bidx.Select(Number)) : null),
            ("expression", options.Expression),
            ("bands", options.Bands is { } bands ? string.Join(',', bands.Select(Uri.EscapeDataString)) : null),
            ("rescale", options.Rescale is { } rescale ? string.Join(';', rescale.Select(r => Number(r.Min) + "," + Number(r.Max))) : null),
            ("colormap_name", options.ColormapName),
            ("colormap", options.Colormap),
            ("color_formula", options.ColorFormula),
            ("resampling", options.Resampling == ResamplingMethod.Nearest ? null : options.Resampling.ToString()),
            ("reproject", options.Reproject == ResamplingMethod.Nearest ? null : options.Reproject.ToString()),
            ("nodata", options.Nodata is { } nodata ? Number(nodata) : null),
            ("unscale", options.Unscale ? "true" : null),
            ("return_mask", options.ReturnMask ? null : "false"),
        ];
        return all.Where(p => p.Value is not null).Select(p => (p.Name, p.Value!));
    }

    private static string Build(ReadOnlySpan<string> parts, IEnumerable<(string Name, string Value)> parameters)
    {
        var key = new StringBuilder();
        foreach (var part in parts)
            key.Append(Uri.EscapeDataString(part)).Append('|');
        var separator = "";
        foreach (var (name, value) in parameters)
        {
            key.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = "&";
        }
        return key.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
