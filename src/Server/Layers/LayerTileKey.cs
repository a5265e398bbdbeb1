using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Layers;

/// <summary>
/// The tile-cache key of a layer tile. The layer tile endpoint and WMTS GetTile build it from the same parts, so a
/// picture is rendered once whichever door asks for it first.
/// </summary>
internal static class LayerTileKey
{
    /// <param name="style">the style name; empty or null is "default".</param>
    /// <param name="parameters">render parameters given besides the style (the layer endpoint's query), "" when none.</param>
    public static string For(string layerId, string tileMatrixSet, string matrix, int col, int row, ImageFormat format, string? style, string parameters) =>
        $"layer|{layerId}|{tileMatrixSet}|{matrix}|{col}|{row}|{format.Name}|{(string.IsNullOrEmpty(style) ? "default" : style)}|{parameters}";
}
