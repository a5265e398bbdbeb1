using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Stac.Mosaic;

/// <summary>
/// The WGS84 box of a target grid for the CRSs a plugin can convert without a projection library: geographic WGS84
/// and Web Mercator (spherical, exact at the corners since both axes are monotonic). Other CRSs give null.
/// </summary>
internal static class GridFootprint
{
    private const double EarthRadius = 6378137;

    public static Bounds? Wgs84(TargetGrid grid) => grid.Crs.ToUpperInvariant() switch
    {
        "EPSG:4326" or "OGC:CRS84" or "CRS:84" or "CRS84" => new Bounds(grid.MinX, grid.MinY, grid.MaxX, grid.MaxY),
        "EPSG:3857" or "EPSG:900913" or "EPSG:3785" or "EPSG:102100" =>
            new Bounds(Longitude(grid.MinX), Latitude(grid.MinY), Longitude(grid.MaxX), Latitude(grid.MaxY)),
        _ => null,
    };

    private static double Longitude(double x) => x / EarthRadius * 180 / Math.PI;

    private static double Latitude(double y) => (2 * Math.Atan(Math.Exp(y / EarthRadius)) - Math.PI / 2) * 180 / Math.PI;
}
