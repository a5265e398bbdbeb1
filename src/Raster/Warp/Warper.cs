using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Warp;

/// <summary>Reads a blocked raster into a target grid: overview choice, block planning, reprojection, resampling.</summary>
internal static class Warper
{
    public static Task<RasterData> ReadAsync(IBlockedRaster raster, TargetGrid grid, ReadOptions options, CrsRegistry crs, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
