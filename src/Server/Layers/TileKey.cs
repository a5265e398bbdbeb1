using System.Globalization;
using System.Text;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Layers;

/// <summary>
/// The tile-cache key of every door, built by one rule: the parts that name the picture, then the query's render
/// parameters in one canonical form (names sorted, values in their order, everything escaped), so the same request
/// through the layer endpoint or WMTS shares one key and no two different requests can collide.
/// </summary>
internal static class TileKey
{
    /// <summary>A layer tile (layer endpoint, WMTS GetTile); <paramref name="query"/> holds the parameters besides <c>style</c>, or null.</summary>
    /// <param name="style">the style name; empty or null is "default".</param>
    /// <param name="selected">what the layer's Time selects for this request (values and their version), "" when it has none.</param>
    public static string ForLayer(
        string layerId, string tileMatrixSet, string matrix, int col, int row, ImageFormat format, string? style, IQueryCollection? query, string selected = "") =>
        Build(
            ["layer", layerId, tileMatrixSet, matrix, Number(col), Number(row), format.Name, string.IsNullOrEmpty(style) ? "default" : style, selected],
            query, except: "style");

    /// <summary>A <c>/cog</c> or <c>/stac</c> tile: <paramref name="tile"/> is the last path segment (y, scale and format) and the query names the source.</summary>
    public static string ForSource(string door, string sourceId, string tileMatrixSet, int z, int x, string tile, IQueryCollection query) =>
        Build([door, sourceId, tileMatrixSet, Number(z), Number(x), tile], query, except: null);

    private static string Build(ReadOnlySpan<string> parts, IQueryCollection? query, string? except)
    {
        var key = new StringBuilder();
        foreach (var part in parts)
            key.Append(Uri.EscapeDataString(part)).Append('|');
        if (query is null)
            return key.ToString();
        var separator = "";
        foreach (var name in query.Keys.Order(StringComparer.Ordinal))
        {
            if (except is not null && string.Equals(name, except, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var value in query[name])
            {
                key.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = "&";
            }
        }
        return key.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
