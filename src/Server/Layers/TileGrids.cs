using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Layers;

/// <summary>
/// Tile → <see cref="TargetGrid"/> for the tile endpoints. Knows WebMercatorQuad and WorldCRS84Quad until the
/// TileMatrixSet registry of src/Raster/Tiling is wired in.
/// </summary>
internal sealed class TileGrids
{
    private const double WebMercatorHalf = 20037508.342789244;

    public IReadOnlyList<string> Ids { get; } = ["WebMercatorQuad", "WorldCRS84Quad"];

    public TargetGrid TileGrid(string tileMatrixSet, int z, int x, int y)
    {
        var (crs, minX, maxY, width, height, across, down) = tileMatrixSet switch
        {
            "WebMercatorQuad" => ("EPSG:3857", -WebMercatorHalf, WebMercatorHalf, 2 * WebMercatorHalf, 2 * WebMercatorHalf, 1L << z, 1L << z),
            "WorldCRS84Quad" => ("OGC:CRS84", -180.0, 90.0, 360.0, 180.0, 2L << z, 1L << z),
            _ => throw new ResourceNotFoundException($"tile matrix set '{tileMatrixSet}' does not exist (tile matrix sets: {string.Join(", ", Ids)})"),
        };
        if (z is < 0 or > 24)
            throw new ResourceNotFoundException($"tile matrix {z} does not exist in {tileMatrixSet} (0..24)");
        if (x < 0 || y < 0 || x >= across || y >= down)
            throw new ResourceNotFoundException($"tile {z}/{x}/{y} is outside {tileMatrixSet} (at zoom {z}: x 0..{across - 1}, y 0..{down - 1})");
        var tileWidth = width / across;
        var tileHeight = height / down;
        return new TargetGrid(crs, minX + x * tileWidth, maxY - (y + 1) * tileHeight, minX + (x + 1) * tileWidth, maxY - y * tileHeight, 256, 256);
    }
}
