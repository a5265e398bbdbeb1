namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// Reads WKT2 (ISO 19162:2015 and 2019): GEOGCRS, PROJCRS with its CONVERSION (methods and parameters by their EPSG
/// names), and BOUNDCRS whose ABRIDGEDTRANSFORMATION is a Helmert shift to WGS 84 (its TOWGS84).
/// </summary>
internal static class Wkt2Reader
{
    private const double Degree = Math.PI / 180;
    private const double ArcSecond = Degree / 3600;

    /// <summary>EPSG method names (lower case) as GDAL's WKT1 projections.</summary>
    private static readonly Dictionary<string, string> Methods = new()
    {
        ["transverse mercator"] = "Transverse_Mercator",
        ["mercator (variant a)"] = "Mercator_1SP",
        ["mercator (variant b)"] = "Mercator_2SP",
        ["lambert conic conformal (1sp)"] = "Lambert_Conformal_Conic_1SP",
        ["lambert conic conformal (2sp)"] = "Lambert_Conformal_Conic_2SP",
        ["lambert azimuthal equal area"] = "Lambert_Azimuthal_Equal_Area",
        ["lambert azimuthal equal area (spherical)"] = "Lambert_Azimuthal_Equal_Area",
        ["albers equal area"] = "Albers_Conic_Equal_Area",
        ["polar stereographic (variant a)"] = "Polar_Stereographic",
        ["polar stereographic (variant b)"] = "Polar_Stereographic",
        ["oblique stereographic"] = "Oblique_Stereographic",
        ["cassini-soldner"] = "Cassini_Soldner",
        ["american polyconic"] = "Polyconic",
        ["hotine oblique mercator (variant a)"] = "Hotine_Oblique_Mercator",
        ["hotine oblique mercator (variant b)"] = "Hotine_Oblique_Mercator_Azimuth_Center",
        ["lambert cylindrical equal area"] = "Cylindrical_Equal_Area",
        ["lambert cylindrical equal area (spherical)"] = "Cylindrical_Equal_Area",
        ["equidistant cylindrical"] = "Equirectangular",
        ["equidistant cylindrical (spherical)"] = "Equirectangular",
        ["geostationary satellite (sweep x)"] = "Geostationary_Satellite",
        ["geostationary satellite (sweep y)"] = "Geostationary_Satellite",
    };

    /// <summary>EPSG parameter names (lower case) as GDAL's WKT1 parameters.</summary>
    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["latitude of natural origin"] = "latitude_of_origin",
        ["longitude of natural origin"] = "central_meridian",
        ["scale factor at natural origin"] = "scale_factor",
        ["false easting"] = "false_easting",
        ["false northing"] = "false_northing",
        ["latitude of false origin"] = "latitude_of_origin",
        ["longitude of false origin"] = "central_meridian",
        ["latitude of 1st standard parallel"] = "standard_parallel_1",
        ["latitude of 2nd standard parallel"] = "standard_parallel_2",
        ["easting at false origin"] = "false_easting",
        ["northing at false origin"] = "false_northing",
        ["latitude of projection centre"] = "latitude_of_center",
        ["longitude of projection centre"] = "longitude_of_center",
        ["azimuth of initial line"] = "azimuth",
        ["azimuth at projection centre"] = "azimuth",
        ["angle from rectified to skew grid"] = "rectified_grid_angle",
        ["scale factor on initial line"] = "scale_factor",
        ["scale factor at projection centre"] = "scale_factor",
        ["easting at projection centre"] = "false_easting",
        ["northing at projection centre"] = "false_northing",
        ["latitude of standard parallel"] = "standard_parallel_1",
        ["longitude of origin"] = "central_meridian",
        ["satellite height"] = "satellite_height",
    };

    public static string Read(WktNode root, CrsRegistry registry)
    {
        double[]? towgs84 = null;
        if (root.Keyword.Equals("BOUNDCRS", StringComparison.OrdinalIgnoreCase))
        {
            towgs84 = Towgs84(root);
            root = root.Child("SOURCECRS")?.Children.FirstOrDefault() ?? throw new FormatException("BOUNDCRS has no SOURCECRS");
        }
        var keyword = root.Keyword.ToUpperInvariant();
        if (keyword is "PROJCRS" or "PROJECTEDCRS")
        {
            var baseCrs = root.Child("BASEGEOGCRS", "BASEGEODCRS") ?? throw new FormatException("PROJCRS has no BASEGEOGCRS");
            var (geodetic, _) = Geodetic(baseCrs, towgs84);
            var conversion = root.Child("CONVERSION") ?? throw new FormatException("PROJCRS has no CONVERSION");
            var (unitName, metres) = CsLengthUnit(root);
            var (method, parameters) = Projection(conversion, metres);
            return CrsTextParser.Projected(geodetic, new ProjectionParts(root.Name, method, parameters, unitName, metres), registry);
        }
        if (keyword is "GEOGCRS" or "GEOGRAPHICCRS" or "GEODCRS" or "GEODETICCRS")
        {
            if (root.Child("CS") is { } cs && !cs.Values.OfType<string>().Any(v => v.Equals("ellipsoidal", StringComparison.OrdinalIgnoreCase)))
                throw new FormatException("a geodetic CRS with a Cartesian coordinate system is not supported");
            var (geodetic, unit) = Geodetic(root, towgs84);
            return CrsTextParser.GeographicOnly(geodetic, registry, unit);
        }
        throw new FormatException($"{root.Keyword}[...] is not a supported CRS");
    }

    private static (GeodeticParts, double RadiansPerUnit) Geodetic(WktNode crs, double[]? towgs84)
    {
        var datum = crs.Child("DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE") ?? throw new FormatException($"{crs.Keyword} has no DATUM");
        var ellipsoid = datum.Child("ELLIPSOID", "SPHEROID") ?? throw new FormatException("DATUM has no ELLIPSOID");
        var a = ellipsoid.Number(0) * (ellipsoid.Child("LENGTHUNIT", "UNIT")?.Number(0) ?? 1);
        var meridianNode = crs.Child("PRIMEM", "PRIMEMERIDIAN");
        var meridian = meridianNode is null ? 0 : meridianNode.Number(0) * (meridianNode.Child("ANGLEUNIT", "UNIT")?.Number(0) ?? Degree) / Degree;
        var unit = AngleUnit(crs);
        var code = crs.EpsgCode();
        if (code is null && (datum.EpsgCode() is { } datumCode ? GeodeticTable.Embedded.TryDatum(datumCode, out var byCode) ? byCode : (int?)null
                : GeodeticTable.Embedded.TryDatumByName(datum.Name, out var named) && GeodeticTable.Embedded.TryDatum(named, out var byName) ? byName : null) is { } found)
            code = found;
        return (new GeodeticParts(crs.Name, code, ellipsoid.Name, a, ellipsoid.Number(1), towgs84, meridianNode?.Name ?? "Greenwich", meridian), unit);
    }

    /// <summary>The angular unit of a geographic CRS: its ANGLEUNIT, or that of its first axis, else degrees.</summary>
    private static double AngleUnit(WktNode crs) =>
        crs.Child("ANGLEUNIT", "UNIT")?.Number(0)
        ?? crs.ChildrenNamed("AXIS").Select(a => a.Child("ANGLEUNIT", "UNIT")?.Number(0)).FirstOrDefault(u => u is not null)
        ?? Degree;

    private static (string, double) CsLengthUnit(WktNode crs)
    {
        var unit = crs.Child("LENGTHUNIT", "UNIT") ?? crs.ChildrenNamed("AXIS").Select(a => a.Child("LENGTHUNIT", "UNIT")).FirstOrDefault(u => u is not null);
        return unit is null ? ("metre", 1) : (unit.Name, unit.Number(0));
    }

    private static (string, List<(string, double)>) Projection(WktNode conversion, double metres)
    {
        var methodNode = conversion.Child("METHOD", "PROJECTION") ?? throw new FormatException("CONVERSION has no METHOD");
        var name = methodNode.Name.ToLowerInvariant();
        if (!Methods.TryGetValue(name, out var method))
            throw new FormatException($"the projection method \"{methodNode.Name}\" is not supported");
        var parameters = new List<(string Name, double Value)>();
        foreach (var p in conversion.ChildrenNamed("PARAMETER"))
        {
            if (!Parameters.TryGetValue(p.Name.ToLowerInvariant(), out var wkt1))
                throw new FormatException($"the parameter \"{p.Name}\" of {methodNode.Name} is not supported");
            var value = p.Number(0);
            if (p.Child("ANGLEUNIT") is { } angle)
                value *= angle.Number(0) / Degree;
            else if (p.Child("LENGTHUNIT") is { } length)
                value *= length.Number(0) / metres;
            else if (p.Child("SCALEUNIT") is { } scale)
                value *= scale.Number(0);
            parameters.Add((wkt1, value));
        }
        (string From, string To)[] renames = name switch
        {
            "lambert azimuthal equal area" or "lambert azimuthal equal area (spherical)" or "albers equal area" =>
                [("latitude_of_origin", "latitude_of_center"), ("central_meridian", "longitude_of_center")],
            "polar stereographic (variant b)" => [("standard_parallel_1", "latitude_of_origin")],
            _ => [],
        };
        parameters = [.. parameters.Select(p => renames.FirstOrDefault(r => r.From == p.Name) is { To: { } to } ? (to, p.Value) : p)];
        if (method == "Geostationary_Satellite")
            parameters.Add(("sweep_x", name.EndsWith("(sweep x)", StringComparison.Ordinal) ? 1 : 0));
        if (method is "Hotine_Oblique_Mercator" or "Hotine_Oblique_Mercator_Azimuth_Center" && !parameters.Any(p => p.Name == "rectified_grid_angle"))
            parameters.Add(("rectified_grid_angle", parameters.FirstOrDefault(p => p.Name == "azimuth").Value));
        return (method, [.. parameters.Select(p => (p.Name, p.Value))]);
    }

    /// <summary>The TOWGS84 of a BOUNDCRS's Helmert transformation (position vector convention; coordinate frame rotations negated).</summary>
    private static double[] Towgs84(WktNode bound)
    {
        var transformation = bound.Child("ABRIDGEDTRANSFORMATION") ?? throw new FormatException("BOUNDCRS has no ABRIDGEDTRANSFORMATION");
        var method = transformation.Child("METHOD")?.Name.ToLowerInvariant() ?? "";
        var frame = method.Contains("coordinate frame", StringComparison.Ordinal);
        if (!frame && !method.Contains("position vector", StringComparison.Ordinal) && !method.Contains("geocentric translations", StringComparison.Ordinal))
            throw new FormatException($"BOUNDCRS with the transformation \"{transformation.Child("METHOD")?.Name}\" is not supported: only Helmert shifts are");
        string[] names = ["x-axis translation", "y-axis translation", "z-axis translation", "x-axis rotation", "y-axis rotation", "z-axis rotation", "scale difference"];
        var values = new double[7];
        foreach (var p in transformation.ChildrenNamed("PARAMETER"))
        {
            var i = Array.IndexOf(names, p.Name.ToLowerInvariant());
            if (i < 0)
                continue;
            var value = p.Number(0);
            var unit = p.Child("SCALEUNIT", "ANGLEUNIT", "LENGTHUNIT", "UNIT");
            values[i] = i switch
            {
                < 3 => value * (unit?.Number(0) ?? 1),
                < 6 => value * (unit is null ? 1 : unit.Number(0) / ArcSecond) * (frame ? -1 : 1),
                // parts per million; PROJ writes the ratio itself (1.0000040725) with no unit
                _ when unit is not null && unit.Number(0) != 1 => value * unit.Number(0) / 1e-6,
                _ => Math.Abs(value) < 0.5 ? value * 1e6 : (value - 1) * 1e6,
            };
        }
        return values;
    }
}
