namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// Reads OGC WKT1 (GDAL's flavour) and ESRI's (the "ESRI PE String" GDAL writes into GeoTIFF citations): GEOGCS and
/// PROJCS. Projection angles are in the GEOGCS unit in both; the prime meridian is in that unit in GDAL's flavour and
/// in degrees in ESRI's. A PROJ4 EXTENSION, as GDAL writes for CRSs WKT1 cannot say (a sweep axis), is read instead.
/// </summary>
internal static class Wkt1Reader
{
    private const double Degree = Math.PI / 180;

    public static (int? Epsg, string? Wkt) Read(WktNode root, CrsRegistry registry)
    {
        if (root.Child("EXTENSION") is { Name: "PROJ4" } extension && extension.Values.Count > 1 && extension.Values[1] is string proj)
            return ProjStringReader.Read(proj, registry);
        var isProjected = root.Keyword.Equals("PROJCS", StringComparison.OrdinalIgnoreCase);
        var geogcs = isProjected ? root.Child("GEOGCS") ?? throw new FormatException("PROJCS has no GEOGCS") : root;
        var (geodetic, radiansPerUnit) = Geodetic(geogcs);
        if (!isProjected)
            return (null, CrsTextParser.GeographicOnly(geodetic, registry, radiansPerUnit));
        var method = root.Child("PROJECTION")?.Name ?? throw new FormatException("PROJCS has no PROJECTION");
        var toDegrees = radiansPerUnit / Degree;
        var parameters = root.ChildrenNamed("PARAMETER").Select(p => (Name: p.Name.ToLowerInvariant(), Value: p.Number(0))).ToList();
        var unit = root.Child("UNIT") ?? throw new FormatException("PROJCS has no UNIT");
        var projection = Normalize(method, parameters, toDegrees);
        return (null, CrsTextParser.Projected(geodetic, new ProjectionParts(root.Name, projection.Method, projection.Parameters, unit.Name, unit.Number(0)), registry));
    }

    private static (GeodeticParts Parts, double RadiansPerUnit) Geodetic(WktNode geogcs)
    {
        var datum = geogcs.Child("DATUM") ?? throw new FormatException("GEOGCS has no DATUM");
        var spheroid = datum.Child("SPHEROID", "ELLIPSOID") ?? throw new FormatException("DATUM has no SPHEROID");
        var unit = geogcs.Child("UNIT")?.Number(0) ?? Degree;
        var esri = datum.Name.StartsWith("D_", StringComparison.Ordinal);
        var meridianNode = geogcs.Child("PRIMEM");
        var meridian = meridianNode is null ? 0 : meridianNode.Number(0) * (esri ? 1 : unit / Degree);
        var towgs84 = datum.Child("TOWGS84") is { } shift ? shift.Values.OfType<double>().ToArray() : null;
        if (towgs84 is not null && towgs84.Length is not (3 or 7))
            throw new FormatException($"TOWGS84 has {towgs84.Length} values; 3 or 7 are expected");
        var code = geogcs.EpsgCode();
        if (code is null && (datum.EpsgCode() is { } datumCode ? GeodeticTable.Embedded.TryDatum(datumCode, out var byCode) ? byCode : (int?)null
                : GeodeticTable.Embedded.TryDatumByName(datum.Name, out var named) && GeodeticTable.Embedded.TryDatum(named, out var byName) ? byName : null) is { } found)
            code = found;
        return (new GeodeticParts(geogcs.Name, code, spheroid.Name, spheroid.Number(0), spheroid.Number(1), towgs84,
            meridianNode?.Name ?? "Greenwich", meridian), unit);
    }

    /// <summary>GDAL's WKT1 method and parameter names for an OGC or ESRI projection, angles converted to degrees.</summary>
    private static (string Method, List<(string, double)> Parameters) Normalize(string method, List<(string Name, double Value)> parameters, double toDegrees)
    {
        var p = parameters.Select(x => (Name: x.Name == "height" ? "satellite_height" : x.Name, Value: IsAngle(x.Name) ? x.Value * toDegrees : x.Value)).ToList();
        double? Get(string name) => p.Any(x => x.Name == name) ? p.First(x => x.Name == name).Value : null;
        List<(string, double)> Renamed(params (string From, string To)[] renames) =>
            [.. p.Select(x => renames.FirstOrDefault(r => r.From == x.Name) is { To: { } to } ? (to, x.Value) : (x.Name, x.Value))];
        switch (method)
        {
            case "Gauss_Kruger":
                return ("Transverse_Mercator", p);
            case "Mercator":
                return (Get("standard_parallel_1") is { } sp && sp != 0 ? "Mercator_2SP" : "Mercator_1SP", [.. p.Where(x => x.Name != "standard_parallel_1")
                    .Concat(Get("standard_parallel_1") is { } s && s != 0 ? [("standard_parallel_1", s)] : Array.Empty<(string, double)>())]);
            case "Lambert_Conformal_Conic":
                var sp1 = Get("standard_parallel_1") ?? throw new FormatException("Lambert_Conformal_Conic has no standard_parallel_1");
                var sp2 = Get("standard_parallel_2");
                if (sp2 is null || (sp2 == sp1 && (Get("latitude_of_origin") ?? sp1) == sp1))
                    return ("Lambert_Conformal_Conic_1SP",
                    [
                        ("latitude_of_origin", sp1), ("central_meridian", Get("central_meridian") ?? 0), ("scale_factor", Get("scale_factor") ?? 1),
                        ("false_easting", Get("false_easting") ?? 0), ("false_northing", Get("false_northing") ?? 0),
                    ]);
                return ("Lambert_Conformal_Conic_2SP", [.. p.Where(x => x.Name != "scale_factor")]);
            case "Albers" or "Albers_Conic_Equal_Area":
                return ("Albers_Conic_Equal_Area", Renamed(("central_meridian", "longitude_of_center"), ("latitude_of_origin", "latitude_of_center")));
            case "Lambert_Azimuthal_Equal_Area":
                return (method, Renamed(("central_meridian", "longitude_of_center"), ("latitude_of_origin", "latitude_of_center")));
            case "Stereographic_North_Pole" or "Stereographic_South_Pole":
                return ("Polar_Stereographic", Renamed(("standard_parallel_1", "latitude_of_origin")));
            case "Double_Stereographic":
                return ("Oblique_Stereographic", p);
            case "Cassini":
                return ("Cassini_Soldner", p);
            case "Equidistant_Cylindrical" or "Plate_Carree":
                return ("Equirectangular", p);
            case "Behrmann":
                return ("Cylindrical_Equal_Area", [("standard_parallel_1", 30), .. p.Where(x => x.Name != "standard_parallel_1")]);
            case "Rectified_Skew_Orthomorphic_Center":
                return ("Hotine_Oblique_Mercator_Azimuth_Center", Renamed(("xy_plane_rotation", "rectified_grid_angle")));
            case "Rectified_Skew_Orthomorphic_Natural_Origin" or "Hotine_Oblique_Mercator_Azimuth_Natural_Origin":
                return ("Hotine_Oblique_Mercator", Renamed(("xy_plane_rotation", "rectified_grid_angle")));
            case "Hotine_Oblique_Mercator" or "Hotine_Oblique_Mercator_Azimuth_Center" when Get("rectified_grid_angle") is null:
                return (method, [.. p, ("rectified_grid_angle", Get("azimuth") ?? 0)]);
            case "Geostationary_Satellite":
                return (method, [.. Renamed(("longitude_of_center", "central_meridian")).Where(x => x.Item1 != "option"), ("sweep_x", 0)]);
            default:
                return (method, p);
        }
    }

    private static bool IsAngle(string name) =>
        name is "latitude_of_origin" or "central_meridian" or "standard_parallel_1" or "standard_parallel_2" or "latitude_of_center"
            or "longitude_of_center" or "azimuth" or "rectified_grid_angle" or "pseudo_standard_parallel_1" or "longitude_of_origin" or "xy_plane_rotation";
}
