using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// A source's zoom range in a TileMatrixSet: maxzoom is the first level at least as fine as the source's pixels,
/// minzoom the last level where the whole source still spans at least one tile.
/// </summary>
internal static class ZoomLevels
{
    private const int Deepest = 24;

    public static (int Min, int Max) Range(SourceInfo info, string tms, TileGrids tileGrids, GridBuilder grids)
    {
        var top = tileGrids.TileGrid(tms, 0, 0, 0);
        var full = BoundsTransform.Transform(info.NativeBounds, info.Crs, top.Crs, grids.Crs);
        var sourceResolution = Math.Min(full.Width / info.Width, full.Height / info.Height);
        var extent = Math.Max(full.Width, full.Height);
        int min = 0, max = Deepest;
        for (var z = 0; z <= Deepest; z++)
        {
            var tile = tileGrids.TileGrid(tms, z, 0, 0);
            var tileResolution = tile.ResolutionX;
            if (tile.MaxX - tile.MinX >= extent)
                min = z;
            if (tileResolution <= sourceResolution)
            {
                max = z;
                break;
            }
        }
        return (Math.Min(min, max), max);
    }
}
