using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Crs.Text;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Builds the WKT1 of a user-defined CRS from its GeoKeys as libgeotiff reads them: the geographic part from an EPSG
/// geographic CRS or datum, or from the ellipsoid, prime meridian and TOWGS84 keys; the projection from
/// ProjCoordTransGeoKey and its parameter keys (each with libgeotiff's fallback keys, <see cref="GeoKeyMethods"/>), angles converted from the
/// angular unit to degrees, lengths kept in the linear unit.
/// </summary>
internal static class GeoKeyCrs
{
    private const double Degree = Math.PI / 180;

    public static string BuildWkt(GeoKeyDirectory keys, CrsRegistry registry)
    {
        var toDegrees = AngularUnit(keys) / Degree;
        var geographic = Geographic(keys, registry, toDegrees);
        var meridian = Wkt1Builder.PrimeMeridianDegrees(geographic);
        var projected = keys.Short(GeoKey.ProjectedType);
        if (projected is null || keys.Short(GeoKey.ModelType) == GeoKey.ModelGeographic)
        {
            if (Math.Abs(toDegrees - 1) > 1e-12)
                throw Unsupported(keys, $"a geographic CRS in GeogAngularUnitsGeoKey = {keys.Short(GeoKey.GeogAngularUnits)} is not supported: only degrees are");
            if (meridian != 0)
                throw Unsupported(keys, $"a geographic CRS on prime meridian {meridian}° is not supported: only Greenwich is");
            return geographic;
        }
        var (method, parameters) = Projection(keys, toDegrees);
        return Projected(keys, geographic, method, parameters);
    }

    private static string Projected(GeoKeyDirectory keys, string geographic, string method, List<(string, double)> parameters)
    {
        var (unitName, metres) = LinearUnit(keys);
        return Wkt1Builder.Projected(Name(keys.Ascii(GeoKey.PcsCitation), "unknown"), geographic, method, parameters, unitName, metres);
    }

    /// <summary>
    /// The WKT ESRI software, and GDAL for a projection GeoTIFF has no method code for (or with
    /// GEOTIFF_KEYS_FLAVOR=ESRI_PE), writes into PCSCitationGeoKey or GTCitationGeoKey ("ESRI PE String = PROJCS[...]");
    /// GDAL reads the CRS from it in preference to the keys. Null when there is none.
    /// </summary>
    public static string? CitationWkt(GeoKeyDirectory keys)
    {
        const string Prefix = "ESRI PE String = ";
        foreach (var key in (ReadOnlySpan<int>)[GeoKey.PcsCitation, GeoKey.Citation])
        {
            var citation = keys.Ascii(key);
            if (citation is not null && citation.StartsWith(Prefix, StringComparison.Ordinal))
                return citation[Prefix.Length..];
        }
        return null;
    }

    private static string Geographic(GeoKeyDirectory keys, CrsRegistry registry, double toDegrees)
    {
        var towgs84 = keys.Doubles(GeoKey.GeogTowgs84);
        if (towgs84 is not null && towgs84.Length is not (3 or 7))
            throw Unsupported(keys, $"GeogTOWGS84GeoKey has {towgs84.Length} values; 3 or 7 are expected");
        var code = keys.Short(GeoKey.GeographicType);
        if (code is null or GeoKey.UserDefined && keys.Short(GeoKey.GeogGeodeticDatum) is { } datum and not GeoKey.UserDefined)
        {
            if (!GeodeticTable.Embedded.TryDatum(datum, out var datumCrs))
                throw Unsupported(keys, $"GeogGeodeticDatumGeoKey = {datum} is not an EPSG datum of a geographic CRS");
            code = datumCrs;
        }
        if (code is { } epsg and not GeoKey.UserDefined)
        {
            var wkt = registry.GeographicWkt(epsg)
                ?? throw Unsupported(keys, $"GeographicTypeGeoKey = {epsg} is not a supported EPSG geographic CRS");
            return towgs84 is null ? wkt : Wkt1Builder.WithTowgs84(wkt, towgs84);
        }
        var (ellipsoidName, a, rf) = Ellipsoid(keys);
        var (meridianName, meridian) = PrimeMeridian(keys, toDegrees);
        return Wkt1Builder.Geographic(Name(keys.Ascii(GeoKey.GeogCitation), "unknown"), "unknown", ellipsoidName, a, rf, towgs84, meridianName, meridian);
    }

    private static (string Name, double SemiMajor, double InverseFlattening) Ellipsoid(GeoKeyDirectory keys)
    {
        if (keys.Short(GeoKey.GeogEllipsoid) is { } code and not GeoKey.UserDefined)
            return GeodeticTable.Embedded.TryEllipsoid(code, out var known)
                ? known
                : throw Unsupported(keys, $"GeogEllipsoidGeoKey = {code} is not an EPSG ellipsoid");
        var a = keys.Double(GeoKey.GeogSemiMajorAxis)
            ?? throw Unsupported(keys, "a user-defined ellipsoid without GeogSemiMajorAxisGeoKey");
        var rf = keys.Double(GeoKey.GeogInvFlattening)
            ?? (keys.Double(GeoKey.GeogSemiMinorAxis) is { } b ? (b == a ? 0 : a / (a - b)) : (double?)null)
            ?? throw Unsupported(keys, "a user-defined ellipsoid without GeogInvFlatteningGeoKey or GeogSemiMinorAxisGeoKey");
        if (!(a > 0) || !double.IsFinite(rf) || rf is < 0 or > 0 and < 1)
            throw Unsupported(keys, $"a user-defined ellipsoid with semi-major axis {a} and inverse flattening {rf}");
        return ("unknown", a, rf);
    }

    private static (string Name, double Degrees) PrimeMeridian(GeoKeyDirectory keys, double toDegrees)
    {
        if (keys.Short(GeoKey.GeogPrimeMeridian) is { } code and not GeoKey.UserDefined)
            return GeodeticTable.Embedded.TryPrimeMeridian(code, out var known)
                ? known
                : throw Unsupported(keys, $"GeogPrimeMeridianGeoKey = {code} is not an EPSG prime meridian");
        var longitude = keys.Double(GeoKey.GeogPrimeMeridianLong) ?? 0;
        return (longitude == 0 ? "Greenwich" : "unknown", longitude * toDegrees);
    }

    private static (string Method, List<(string, double)> Parameters) Projection(GeoKeyDirectory keys, double toDegrees)
    {
        var method = keys.Short(GeoKey.ProjCoordTrans);
        if (method is null && keys.Short(GeoKey.Projection) is { } conversion)
            return Conversion(keys, conversion);
        if (method is null)
            throw Unsupported(keys, "a user-defined projected CRS without ProjCoordTransGeoKey");
        var known = GeoKeyMethods.Find(method.Value, keys)
            ?? throw Unsupported(keys, $"ProjCoordTransGeoKey = {method} ({MethodName(method.Value)}) is not supported");
        var parameters = new List<(string, double)>();
        foreach (var parameter in known.Parameters)
        {
            var value = parameter.When is { } key && keys.Double(key) is null
                ? 0
                : First(keys, parameter.Keys) ?? (parameter.Unit == GeoKeyMethods.Unit.Scale ? 1 : 0);
            parameters.Add((parameter.Name, parameter.Unit == GeoKeyMethods.Unit.Angle ? value * toDegrees : value));
        }
        parameters.Add(("false_easting", First(keys, GeoKeyMethods.Eastings) ?? 0));
        parameters.Add(("false_northing", First(keys, GeoKeyMethods.Northings) ?? 0));
        return (known.Wkt, parameters);
    }

    /// <summary>libgeotiff's names for the CT codes OgcTiler does not draw, for the refusal.</summary>
    private static string MethodName(int method) => method switch
    {
        2 => "Transverse Mercator (modified Alaska)",
        4 => "Laborde Oblique Mercator",
        5 => "Rosenmund Oblique Mercator",
        6 => "spherical Oblique Mercator",
        12 => "Azimuthal Equidistant",
        13 => "Equidistant Conic",
        14 => "Stereographic",
        19 => "Gnomonic",
        20 => "Miller Cylindrical",
        21 => "Orthographic",
        23 => "Robinson",
        24 => "Sinusoidal",
        25 => "Van der Grinten",
        26 => "New Zealand Map Grid",
        27 => "Transverse Mercator (South Orientated)",
        _ => "unknown",
    };

    /// <summary>
    /// ProjectionGeoKey naming an EPSG conversion, read as libgeotiff reads it: the conversion's method and parameters
    /// from the EPSG table (config/crs/geodetic.tsv), its lengths given in the CRS's linear unit as GDAL does.
    /// </summary>
    private static (string, List<(string, double)>) Conversion(GeoKeyDirectory keys, int code)
    {
        if (!GeodeticTable.Embedded.TryConversion(code, out var conversion))
            throw Unsupported(keys, $"ProjectionGeoKey = {code} is not supported: it is no EPSG conversion of a projection method OgcTiler draws");
        try
        {
            return ProjStringReader.Conversion(conversion.Proj, LinearUnit(keys).Metres);
        }
        catch (FormatException e)
        {
            throw Unsupported(keys, $"ProjectionGeoKey = {code} ({conversion.Name}) is not supported: {e.Message}");
        }
    }

    /// <summary>The value of the first of <paramref name="chain"/> the file has, or null.</summary>
    private static double? First(GeoKeyDirectory keys, int[] chain)
    {
        foreach (var key in chain)
        {
            if (keys.Double(key) is { } v)
                return v;
        }
        return null;
    }

    private static double AngularUnit(GeoKeyDirectory keys)
    {
        var code = keys.Short(GeoKey.GeogAngularUnits) ?? 9102;
        if (code == 9102)
            return Degree; // exactly, so angles in degrees stay as written (EPSG's factor is rounded to 15 digits)
        if (code == GeoKey.UserDefined)
            return keys.Double(GeoKey.GeogAngularUnitSize) is { } size and > 0
                ? size
                : throw Unsupported(keys, "GeogAngularUnitsGeoKey = 32767 without GeogAngularUnitSizeGeoKey");
        return GeodeticTable.Embedded.TryUnit(code, out var unit) && unit.Angular
            ? unit.Factor
            : throw Unsupported(keys, $"GeogAngularUnitsGeoKey = {code} is not an EPSG angular unit");
    }

    private static (string Name, double Metres) LinearUnit(GeoKeyDirectory keys)
    {
        var code = keys.Short(GeoKey.ProjLinearUnits) ?? 9001;
        if (code == GeoKey.UserDefined)
            return keys.Double(GeoKey.ProjLinearUnitSize) is { } size and > 0
                ? ("unknown", size)
                : throw Unsupported(keys, "ProjLinearUnitsGeoKey = 32767 without ProjLinearUnitSizeGeoKey");
        return GeodeticTable.Embedded.TryUnit(code, out var unit) && !unit.Angular
            ? (unit.Name, unit.Factor)
            : throw Unsupported(keys, $"ProjLinearUnitsGeoKey = {code} is not an EPSG linear unit");
    }

    /// <summary>The name in a citation as GDAL writes it ("GCS Name = x|Datum = ..."), or the whole citation.</summary>
    private static string Name(string? citation, string fallback)
    {
        if (string.IsNullOrWhiteSpace(citation))
            return fallback;
        var text = citation.StartsWith("GCS Name = ", StringComparison.Ordinal) ? citation[11..] : citation;
        var bar = text.IndexOf('|');
        var name = (bar >= 0 ? text[..bar] : text).Replace('"', '\'').Trim();
        return name.Length == 0 ? fallback : name;
    }

    private static RasterFormatException Unsupported(GeoKeyDirectory keys, string what) =>
        TiffErrors.Format(keys.Uri, $"user-defined CRS: {what}");
}
