using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// A source's zoom range in a TileMatrixSet, as rio-tiler's minzoom/maxzoom (the raster engine's Zoom.Range), with the
/// datum operation of the source's reads.
/// </summary>
internal static class ZoomLevels
{
    /// <summary>The indexes of the coarsest and finest useful matrices of <paramref name="set"/>.</summary>
    public static (int Min, int Max) Range(SourceInfo info, TileMatrixSet set, CrsRegistry crs)
    {
        var (min, max) = set.ZoomRange(crs.Resolve(info.Crs), info.NativeBounds, info.Width, info.Height, crs, info.AreaOfInterest);
        var matrices = set.Matrices.ToList();
        return (matrices.IndexOf(min), matrices.IndexOf(max));
    }
}
