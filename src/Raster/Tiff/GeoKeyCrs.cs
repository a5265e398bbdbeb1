using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Crs.Text;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Builds the WKT1 of a user-defined CRS from its GeoKeys as libgeotiff reads them: the geographic part from an EPSG
/// geographic CRS or datum, or from the ellipsoid, prime meridian and TOWGS84 keys; the projection from
/// ProjCoordTransGeoKey and its parameter keys (each with libgeotiff's fallback keys), angles converted from the
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
        double Angle(params int[] chain) => First(keys, chain) * toDegrees;
        double Length(params int[] chain) => First(keys, chain);
        double Scale() => keys.Double(GeoKey.ProjScaleAtNatOrigin) ?? keys.Double(GeoKey.ProjScaleAtCenter) ?? 1;
        var natLat = () => Angle(GeoKey.ProjNatOriginLat, GeoKey.ProjFalseOriginLat, GeoKey.ProjCenterLat);
        var natLong = () => Angle(GeoKey.ProjNatOriginLong, GeoKey.ProjFalseOriginLong, GeoKey.ProjCenterLong);
        var centerLat = () => Angle(GeoKey.ProjCenterLat, GeoKey.ProjNatOriginLat, GeoKey.ProjFalseOriginLat);
        var centerLong = () => Angle(GeoKey.ProjCenterLong, GeoKey.ProjNatOriginLong, GeoKey.ProjFalseOriginLong);
        var fe = Length(GeoKey.ProjFalseEasting, GeoKey.ProjFalseOriginEasting, GeoKey.ProjCenterEasting);
        var fn = Length(GeoKey.ProjFalseNorthing, GeoKey.ProjFalseOriginNorthing, GeoKey.ProjCenterNorthing);
        List<(string, double)> p = method switch
        {
            1 or 9 or 16 or 15 or 18 or 22 =>
            [
                ("latitude_of_origin", natLat()),
                ("central_meridian", method == 15 ? Angle(GeoKey.ProjStraightVertPoleLong, GeoKey.ProjNatOriginLong, GeoKey.ProjFalseOriginLong) : natLong()),
                .. method is 18 or 22 ? Array.Empty<(string, double)>() : [("scale_factor", Scale())],
            ],
            7 when keys.Double(GeoKey.ProjStdParallel1) is not null => [("standard_parallel_1", Angle(GeoKey.ProjStdParallel1)), ("central_meridian", natLong())],
            7 => [("latitude_of_origin", natLat()), ("central_meridian", natLong()), ("scale_factor", Scale())],
            8 =>
            [
                ("latitude_of_origin", Angle(GeoKey.ProjFalseOriginLat, GeoKey.ProjNatOriginLat, GeoKey.ProjCenterLat)),
                ("central_meridian", Angle(GeoKey.ProjFalseOriginLong, GeoKey.ProjNatOriginLong, GeoKey.ProjCenterLong)),
                ("standard_parallel_1", Angle(GeoKey.ProjStdParallel1)), ("standard_parallel_2", Angle(GeoKey.ProjStdParallel2)),
            ],
            11 =>
            [
                ("latitude_of_center", natLat()), ("longitude_of_center", natLong()),
                ("standard_parallel_1", Angle(GeoKey.ProjStdParallel1)), ("standard_parallel_2", Angle(GeoKey.ProjStdParallel2)),
            ],
            10 => [("latitude_of_center", centerLat()), ("longitude_of_center", centerLong())],
            3 or 9815 =>
            [
                ("latitude_of_center", centerLat()), ("longitude_of_center", centerLong()),
                ("azimuth", Angle(GeoKey.ProjAzimuthAngle)),
                ("rectified_grid_angle", keys.Double(GeoKey.ProjRectifiedGridAngle) is { } g ? g * toDegrees : Angle(GeoKey.ProjAzimuthAngle)),
                ("scale_factor", keys.Double(GeoKey.ProjScaleAtCenter) ?? keys.Double(GeoKey.ProjScaleAtNatOrigin) ?? 1),
            ],
            17 =>
            [
                ("standard_parallel_1", Angle(GeoKey.ProjStdParallel1, GeoKey.ProjNatOriginLat)),
                ("central_meridian", centerLong()),
                ("latitude_of_origin", keys.Double(GeoKey.ProjStdParallel1) is null ? 0 : centerLat()),
            ],
            28 => [("standard_parallel_1", Angle(GeoKey.ProjStdParallel1)), ("central_meridian", natLong())],
            _ => throw Unsupported(keys, $"ProjCoordTransGeoKey = {method} ({MethodName(method.Value)}) is not supported"),
        };
        p.Add(("false_easting", fe));
        p.Add(("false_northing", fn));
        return (WktMethod(method.Value, keys), p);
    }

    private static string WktMethod(int method, GeoKeyDirectory keys) => method switch
    {
        1 => "Transverse_Mercator",
        7 => keys.Double(GeoKey.ProjStdParallel1) is not null ? "Mercator_2SP" : "Mercator_1SP",
        8 => "Lambert_Conformal_Conic_2SP",
        9 => "Lambert_Conformal_Conic_1SP",
        10 => "Lambert_Azimuthal_Equal_Area",
        11 => "Albers_Conic_Equal_Area",
        15 => "Polar_Stereographic",
        16 => "Oblique_Stereographic",
        17 => "Equirectangular",
        18 => "Cassini_Soldner",
        22 => "Polyconic",
        28 => "Cylindrical_Equal_Area",
        3 => "Hotine_Oblique_Mercator",
        _ => "Hotine_Oblique_Mercator_Azimuth_Center",
    };

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

    private static double First(GeoKeyDirectory keys, int[] chain)
    {
        foreach (var key in chain)
        {
            if (keys.Double(key) is { } v)
                return v;
        }
        return 0;
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
