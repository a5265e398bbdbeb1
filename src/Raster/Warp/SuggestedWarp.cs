using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Warp;

/// <summary>GDAL's suggested warp output (GDALSuggestedWarpOutput2, so rasterio's calculate_default_transform and rio-tiler's WarpedVRT).</summary>
internal static class SuggestedWarp
{
    /// <summary>
    /// The square pixel, in the target CRS, of a <paramref name="width"/> × <paramref name="height"/> raster whose
    /// top-left and bottom-right corners are given in its own CRS: the diagonal between the corners transformed by
    /// <paramref name="toTarget"/> over the diagonal in pixels. When that diagonal degenerates (a corner does not
    /// transform, or both fall on one line of the target's axes) GDAL takes the diagonal of the transformed
    /// <paramref name="extent"/>; without one the pixel is NaN.
    /// </summary>
    public static double SquarePixel(
        CoordinateTransform toTarget, (double X, double Y) topLeft, (double X, double Y) bottomRight, int width, int height, Bounds? extent = null)
    {
        var (x0, y0) = toTarget.Transform(topLeft.X, topLeft.Y);
        var (x1, y1) = toTarget.Transform(bottomRight.X, bottomRight.Y);
        var (dx, dy) = (x1 - x0, y1 - y0);
        if (extent is { } e && (!double.IsFinite(dx) || !double.IsFinite(dy) || dx == 0 || dy == 0))
            (dx, dy) = (e.Width, e.Height);
        var size = Math.Sqrt(dx * dx + dy * dy) / Math.Sqrt((double)width * width + (double)height * height);
        return double.IsFinite(size) ? size : double.NaN;
    }
}
