using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Where CRS coordinates fall in a level's pixels: through the inverse geotransform, or through the polynomial fitted
/// from CRS coordinates back to pixels for a raster georeferenced by ground control points.
/// </summary>
internal sealed class PixelLocator
{
    private readonly GeoTransform _inverse;
    private readonly GcpTransform? _gcps;

    private PixelLocator(GeoTransform inverse, GcpTransform? gcps) => (_inverse, _gcps) = (inverse, gcps);

    public static PixelLocator Of(RasterLevel level) => new(level.Transform.Inverse(), level.Gcps);

    public static PixelLocator Affine(GeoTransform inverse) => new(inverse, null);

    public (double Col, double Row) Locate(double x, double y) =>
        _gcps is { } gcps ? gcps.WorldToPixel(x, y) : (_inverse.X0 + x * _inverse.Dx + y * _inverse.Rx, _inverse.Y0 + x * _inverse.Ry + y * _inverse.Dy);
}
