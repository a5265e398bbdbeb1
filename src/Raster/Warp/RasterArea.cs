using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// An opened raster's area of interest for its datum operations, as gdalwarp computes it: GDALCreateGenImgProjTransformer2
/// passes the raster's corners (GDALComputeAreaOfInterest), so PROJ takes one operation for the whole raster where cs2cs
/// chooses per point. Computed once per raster; its transforms are kept with it (<see cref="CrsRegistry.CreateTransform(CrsDefinition, CrsDefinition, AreaOfInterest?)"/>).
/// </summary>
internal static class RasterArea
{
    /// <summary>
    /// GDAL's corners: the origin and the origin plus width·Dx and height·Dy (the rotation terms left out, as GDAL does)
    /// in the CRS's geographic CRS; null for a raster georeferenced by GCPs, as in GDAL, or when no corner transforms.
    /// </summary>
    public static AreaOfInterest? Of(CrsDefinition crs, RasterLevel full)
    {
        if (full.Gcps is not null)
            return null;
        var t = full.Transform;
        var (right, bottom) = (t.X0 + full.Width * t.Dx, t.Y0 + full.Height * t.Dy);
        Span<double> xs = [t.X0, right, t.X0, right];
        Span<double> ys = [t.Y0, t.Y0, bottom, bottom];
        return TransformBuilder.AreaOfInterest(crs, xs, ys) is { } degrees ? new AreaOfInterest(degrees) : null;
    }
}
