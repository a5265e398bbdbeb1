using ProjNet.CoordinateSystems;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// A resolved CRS. <see cref="Id"/> is canonical ("EPSG:32631", "OGC:CRS84"). <see cref="NorthingFirst"/> is true when
/// the authority axis order puts latitude/northing first (EPSG:4326, EPSG:3035), which WMS 1.3.0 BBOX and WMTS
/// TopLeftCorner follow. Coordinates inside OgcTiler are always x=east/longitude, y=north/latitude.
/// </summary>
public sealed record CrsDefinition(string Id, int? Epsg, string Name, bool IsGeographic, bool NorthingFirst, CoordinateSystem CoordinateSystem)
{
    /// <summary>Metres per CRS unit (1 for metre CRSs; metres per degree on the equator for geographic ones).</summary>
    public double MetersPerUnit => IsGeographic ? 2 * Math.PI * 6378137.0 / 360.0 : CoordinateSystem is ProjectedCoordinateSystem p ? p.LinearUnit.MetersPerUnit : 1;

    public override string ToString() => Id;
}
