namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// The geodetic part of a CRS read from text: an EPSG geographic CRS when the text names one (by code or datum),
/// else the ellipsoid; the TOWGS84 the text gives; the prime meridian in degrees.
/// </summary>
internal sealed record GeodeticParts(string Name, int? GeographicCode, string EllipsoidName, double SemiMajor, double InverseFlattening,
    double[]? Towgs84, string MeridianName, double MeridianDegrees);

/// <summary>
/// A projection read from text, in GDAL's WKT1 terms: method and parameter names, angles in degrees, lengths in the
/// linear unit.
/// </summary>
internal sealed record ProjectionParts(string Name, string Method, List<(string Name, double Value)> Parameters, string UnitName, double Metres);
