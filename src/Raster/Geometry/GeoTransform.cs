namespace OgcTiler.Raster.Geometry;

/// <summary>
/// GDAL's affine geotransform: x = X0 + col·Dx + row·Rx, y = Y0 + col·Ry + row·Dy, where (col,row) are pixel-corner
/// coordinates (0,0 is the outer corner of the first pixel).
/// </summary>
public readonly record struct GeoTransform(double X0, double Dx, double Rx, double Y0, double Ry, double Dy)
{
    public bool IsNorthUp => Rx == 0 && Ry == 0;

    public (double X, double Y) PixelToWorld(double col, double row) =>
        (X0 + col * Dx + row * Rx, Y0 + col * Ry + row * Dy);

    public GeoTransform Inverse()
    {
        var det = Dx * Dy - Rx * Ry;
        if (det == 0)
            throw new InvalidOperationException("geotransform is not invertible");
        var idx = Dy / det;
        var irx = -Rx / det;
        var iry = -Ry / det;
        var idy = Dx / det;
        return new GeoTransform(-X0 * idx - Y0 * irx, idx, irx, -X0 * iry - Y0 * idy, iry, idy);
    }

    /// <summary>The same georeferencing for a level resampled to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public GeoTransform Scaled(int fullWidth, int fullHeight, int width, int height)
    {
        var sx = (double)fullWidth / width;
        var sy = (double)fullHeight / height;
        return new GeoTransform(X0, Dx * sx, Rx * sy, Y0, Ry * sx, Dy * sy);
    }

    public double[] ToArray() => [X0, Dx, Rx, Y0, Ry, Dy];
}
