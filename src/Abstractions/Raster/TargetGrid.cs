namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// The pixel grid a read fills: a CRS identifier (e.g. "EPSG:3857"), bounds in that CRS's x/y in east/north
/// (longitude/latitude) order whatever the CRS's authority axis order, and a size in pixels. Pixel (0,0) is the
/// north-west corner; pixels are areas (the bounds are the outer edges of the edge pixels).
/// </summary>
public sealed record TargetGrid(string Crs, double MinX, double MinY, double MaxX, double MaxY, int Width, int Height)
{
    public double ResolutionX => (MaxX - MinX) / Width;

    public double ResolutionY => (MaxY - MinY) / Height;
}
