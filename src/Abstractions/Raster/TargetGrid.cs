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

    /// <summary>How the source level to read from is chosen (gdalwarp's rule unless set).</summary>
    public OverviewRule Overviews { get; init; }

    /// <summary>
    /// Whether the read goes through GDAL's warper even in the source's own CRS, as rio-tiler's point with a nodata
    /// value reads through a WarpedVRT. It matters only under a nodata value: a warped read, like every reprojected one,
    /// still leaves an alpha band's transparent pixels out (GDAL's warper takes the source alpha beside the nodata),
    /// where a read in the source's CRS (rasterio's RasterIO) sees the nodata value alone.
    /// </summary>
    public bool Warped { get; init; }
}

/// <summary>
/// <see cref="Warp"/>: gdalwarp's "-ovr AUTO" (tiles, compared with gdalwarp). <see cref="RasterIo"/>: GDAL's RasterIO
/// rule for a read of an area at an output size, as rio-tiler reads its WarpedVRT at <c>out_shape</c> (TiTiler's
/// preview, bbox, feature and statistics): a coarser overview is taken while it is less than 1.2 times (nearest) as
/// decimated as the request.
/// </summary>
public enum OverviewRule
{
    Warp,
    RasterIo,
}
