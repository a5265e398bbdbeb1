using OgcTiler.Abstractions.Raster;
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

    /// <summary>
    /// Where the CRS is meant to be used, as WGS84 longitude/latitude (from the EPSG database); MinX &gt; MaxX when the
    /// area crosses the antimeridian. Null when unknown.
    /// </summary>
    public Bounds? AreaOfUse { get; init; }

    /// <summary>The WKT1 of a user-defined CRS (from GeoTIFF keys that match no EPSG CRS); null otherwise.</summary>
    public string? Wkt { get; init; }

    /// <summary>
    /// The EPSG CRS a user-defined CRS is identified as (same method, parameters, ellipsoid and unit), as GDAL reports
    /// it; the math stays the user-defined CRS's, as gdalwarp's does.
    /// </summary>
    public int? IdentifiedAs { get; init; }

    /// <summary>The operations PROJ lists from this CRS's EPSG datum to WGS 84 (null when none shifts coordinates).</summary>
    internal DatumOperation[]? DatumOperations { get; init; }

    /// <summary>The OGC http URI: http://www.opengis.net/def/crs/EPSG/0/n or .../OGC/1.3/CRS84.</summary>
    public string Uri => Epsg is { } code ? $"http://www.opengis.net/def/crs/EPSG/0/{code}" : "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>The OGC URN (WMTS capabilities): urn:ogc:def:crs:EPSG::n or urn:ogc:def:crs:OGC:1.3:CRS84.</summary>
    public string Urn => Epsg is { } code ? $"urn:ogc:def:crs:EPSG::{code}" : "urn:ogc:def:crs:OGC:1.3:CRS84";

    public override string ToString() => Id;
}
