using System.Globalization;

namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// Reads a PROJ string (<c>+proj=lcc +lat_1=33 +lat_2=45 +lon_0=-96 +datum=NAD27 +units=us-ft</c>) as PROJ does:
/// GRS80 when no ellipsoid is named, <c>+datum</c> as its EPSG datum,
/// unknown terms ignored. Terms that change the geometry in ways the engine does not follow (grids, axis order,
/// longitude wrapping) are refused by name.
/// </summary>
internal static class ProjStringReader
{
    /// <summary>PROJ's +datum names and their EPSG geographic CRSs (PROJ 6 and later map them to EPSG datums, not to shifts of their own).</summary>
    private static readonly Dictionary<string, int> Datums = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WGS84"] = 4326, ["NAD83"] = 4269, ["NAD27"] = 4267, ["GGRS87"] = 4121, ["potsdam"] = 4314, ["carthage"] = 4223,
        ["hermannskogel"] = 4312, ["ire65"] = 4299, ["nzgd49"] = 4272, ["OSGB36"] = 4277,
    };

    private static readonly Dictionary<string, double> Units = new(StringComparer.Ordinal)
    {
        ["m"] = 1, ["km"] = 1000, ["dm"] = 0.1, ["cm"] = 0.01, ["mm"] = 0.001, ["ft"] = 0.3048, ["us-ft"] = 1200.0 / 3937,
        ["yd"] = 0.9144, ["us-yd"] = 3600.0 / 3937, ["mi"] = 1609.344, ["us-mi"] = 6336000.0 / 3937, ["in"] = 0.0254,
        ["us-in"] = 100.0 / 3937, ["kmi"] = 1852, ["fath"] = 1.8288, ["ch"] = 20.1168, ["us-ch"] = 79200.0 / 3937,
        ["link"] = 0.201168, ["us-link"] = 792.0 / 3937, ["ind-ft"] = 0.30479841, ["ind-yd"] = 0.91439523, ["ind-ch"] = 20.11669506,
    };

    private static readonly string[] Refused = ["nadgrids", "geoidgrids", "axis", "lon_wrap", "over", "pm_grids", "hgridshift"];

    public static (int? Epsg, string? Wkt) Read(string text, CrsRegistry registry)
    {
        var terms = Terms(text);
        if (terms.TryGetValue("init", out var init))
            return init.StartsWith("epsg:", StringComparison.OrdinalIgnoreCase) && int.TryParse(init.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                ? (code, null)
                : throw new FormatException($"+init={init} is not supported: only +init=epsg:<code> is");
        var proj = terms.GetValueOrDefault("proj") ?? throw new FormatException("the PROJ string has no +proj");
        if (proj == "merc" && IsWebMercator(terms))
            return (3857, null);
        foreach (var name in Refused)
        {
            if (terms.TryGetValue(name, out var value) && !(name == "axis" && value == "enu"))
                throw new FormatException($"+{name} is not supported");
        }
        var geodetic = Geodetic(terms, registry);
        if (proj is "longlat" or "latlong" or "lonlat" or "latlon")
            return (null, CrsTextParser.GeographicOnly(geodetic, registry, Math.PI / 180));
        var (unitName, metres) = Unit(terms);
        var (method, parameters) = Projection(proj, terms, metres);
        return (null, CrsTextParser.Projected(geodetic, new ProjectionParts("unknown", method, parameters, unitName, metres), registry));
    }

    /// <summary>
    /// The projection of a PROJ string without ellipsoid or units, an EPSG conversion as projinfo writes it (lengths in
    /// metres), as the method and parameters of a CRS whose linear unit is <paramref name="metresPerUnit"/>.
    /// </summary>
    public static (string Method, List<(string, double)> Parameters) Conversion(string text, double metresPerUnit)
    {
        var terms = Terms(text);
        return Projection(terms.GetValueOrDefault("proj") ?? throw new FormatException("the PROJ string has no +proj"), terms, metresPerUnit);
    }

    private static Dictionary<string, string> Terms(string text)
    {
        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var term in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!term.StartsWith('+'))
                throw new FormatException($"'{term}' in the PROJ string does not start with '+'");
            var eq = term.IndexOf('=');
            terms[eq < 0 ? term[1..] : term[1..eq]] = eq < 0 ? "" : term[(eq + 1)..];
        }
        if (terms.ContainsKey("step") || terms.ContainsKey("pipeline"))
            throw new FormatException("a PROJ pipeline is not a CRS");
        return terms;
    }

    /// <summary>Web Mercator's PROJ form: a sphere of radius 6378137 with no other offset or scale.</summary>
    private static bool IsWebMercator(Dictionary<string, string> terms) =>
        terms.GetValueOrDefault("a") == "6378137" && terms.GetValueOrDefault("b") == "6378137"
        && Zero(terms, "lon_0") && Zero(terms, "lat_ts") && Zero(terms, "x_0") && Zero(terms, "y_0")
        && (!terms.TryGetValue("k", out var k) || Number(k, "k") == 1);

    private static bool Zero(Dictionary<string, string> terms, string name) => !terms.TryGetValue(name, out var v) || Number(v, name) == 0;

    private static GeodeticParts Geodetic(Dictionary<string, string> terms, CrsRegistry registry)
    {
        double[]? towgs84 = terms.TryGetValue("towgs84", out var shift) ? [.. shift.Split(',').Select(v => Number(v, "towgs84"))] : null;
        if (towgs84 is not null && towgs84.Length is not (3 or 7))
            throw new FormatException($"+towgs84 has {towgs84.Length} values; 3 or 7 are expected");
        int? code = null;
        var (ellipsoidName, a, rf) = ("GRS80", 6378137.0, 298.257222101);
        if (terms.TryGetValue("datum", out var datum))
        {
            if (!Datums.TryGetValue(datum, out var known))
                throw new FormatException($"+datum={datum} is not a PROJ datum (expected one of {string.Join(", ", Datums.Keys)})");
            code = known;
            var wkt = registry.GeographicWkt(known) ?? throw new FormatException($"+datum={datum}: EPSG:{known} is not in the EPSG table");
            (ellipsoidName, a, rf) = (datum, Wkt1Builder.SemiMajor(wkt), Wkt1Builder.InverseFlattening(wkt));
        }
        else if (terms.TryGetValue("ellps", out var ellps))
        {
            (a, rf) = GeodeticTable.Embedded.TryProjEllipsoid(ellps, out var e) ? e : throw new FormatException($"+ellps={ellps} is not a PROJ ellipsoid");
            ellipsoidName = ellps;
        }
        if (terms.TryGetValue("R", out var r))
            (ellipsoidName, a, rf, code) = ("sphere", Number(r, "R"), 0, null);
        if (terms.TryGetValue("a", out var semiMajor))
        {
            a = Number(semiMajor, "a");
            rf = terms.TryGetValue("rf", out var inverse) ? Number(inverse, "rf")
                : terms.TryGetValue("f", out var flattening) ? (Number(flattening, "f") is var f && f == 0 ? 0 : 1 / f)
                : terms.TryGetValue("b", out var semiMinor) ? (Number(semiMinor, "b") is var b && b == a ? 0 : a / (a - b))
                : terms.ContainsKey("ellps") || terms.ContainsKey("datum") ? rf : 0;
            (ellipsoidName, code) = ("unknown", null);
        }
        if (!(a > 0) || rf is < 0 or > 0 and < 1 || !double.IsFinite(rf))
            throw new FormatException($"an ellipsoid with semi-major axis {a} and inverse flattening {rf} is not valid");
        var (meridianName, meridian) = PrimeMeridian(terms.GetValueOrDefault("pm"));
        return new GeodeticParts("unknown", code, ellipsoidName, a, rf, towgs84, meridianName, meridian);
    }

    private static (string, double) PrimeMeridian(string? pm)
    {
        if (pm is null)
            return ("Greenwich", 0);
        if (double.TryParse(pm, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees))
            return ("unknown", degrees);
        return GeodeticTable.Embedded.TryPrimeMeridianByName(pm, out var known) ? known : throw new FormatException($"+pm={pm} is not a known prime meridian");
    }

    private static (string, double) Unit(Dictionary<string, string> terms)
    {
        if (terms.TryGetValue("to_meter", out var toMeter))
            return ("unknown", Number(toMeter, "to_meter"));
        var units = terms.GetValueOrDefault("units", "m");
        return Units.TryGetValue(units, out var metres) ? (units == "m" ? "metre" : units, metres) : throw new FormatException($"+units={units} is not a PROJ unit");
    }

    private static (string, List<(string, double)>) Projection(string proj, Dictionary<string, string> terms, double metres)
    {
        double Angle(string name, double fallback = 0) => terms.TryGetValue(name, out var v) ? Number(v, name) : fallback;
        double Scale() => terms.TryGetValue("k_0", out var k0) ? Number(k0, "k_0") : Angle("k", 1);
        var lat0 = Angle("lat_0");
        var lon0 = Angle("lon_0");
        (string, double)[] offsets = [("false_easting", Angle("x_0") / metres), ("false_northing", Angle("y_0") / metres)];
        return proj switch
        {
            "utm" => Utm(terms, metres),
            "tmerc" or "etmerc" => ("Transverse_Mercator", [("latitude_of_origin", lat0), ("central_meridian", lon0), ("scale_factor", Scale()), .. offsets]),
            "merc" when terms.ContainsKey("lat_ts") => ("Mercator_2SP", [("standard_parallel_1", Angle("lat_ts")), ("central_meridian", lon0), .. offsets]),
            "merc" => ("Mercator_1SP", [("latitude_of_origin", 0), ("central_meridian", lon0), ("scale_factor", Scale()), .. offsets]),
            "lcc" => Lcc(terms, lon0, Scale(), offsets),
            "aea" => ("Albers_Conic_Equal_Area",
            [
                ("latitude_of_center", lat0), ("longitude_of_center", lon0),
                ("standard_parallel_1", Angle("lat_1")), ("standard_parallel_2", Angle("lat_2", Angle("lat_1"))), .. offsets,
            ]),
            "laea" => ("Lambert_Azimuthal_Equal_Area", [("latitude_of_center", lat0), ("longitude_of_center", lon0), .. offsets]),
            "stere" when Math.Abs(lat0) == 90 => ("Polar_Stereographic",
                terms.ContainsKey("lat_ts")
                    ? [("latitude_of_origin", Angle("lat_ts")), ("central_meridian", lon0), .. offsets]
                    : [("latitude_of_origin", lat0), ("central_meridian", lon0), ("scale_factor", Scale()), .. offsets]),
            "stere" => throw new FormatException("+proj=stere away from a pole (Stereographic) is not supported"),
            "sterea" => ("Oblique_Stereographic", [("latitude_of_origin", lat0), ("central_meridian", lon0), ("scale_factor", Scale()), .. offsets]),
            "eqc" => ("Equirectangular", [("standard_parallel_1", Angle("lat_ts")), ("latitude_of_origin", lat0), ("central_meridian", lon0), .. offsets]),
            "cea" => ("Cylindrical_Equal_Area", [("standard_parallel_1", Angle("lat_ts")), ("central_meridian", lon0), .. offsets]),
            "geos" => ("Geostationary_Satellite",
            [
                ("central_meridian", lon0), ("satellite_height", terms.TryGetValue("h", out var h) ? Number(h, "h") : throw new FormatException("+proj=geos has no +h")),
                ("sweep_x", terms.GetValueOrDefault("sweep", "y") switch { "x" => 1, "y" => 0, var s => throw new FormatException($"+sweep={s} is not x or y") }),
                .. offsets,
            ]),
            "omerc" when terms.ContainsKey("lat_1") => throw new FormatException("+proj=omerc from two points (+lat_1, +lat_2) is not supported"),
            // +no_uoff (or its older spelling +no_off): u from the natural origin, variant A
            "omerc" => (terms.ContainsKey("no_uoff") || terms.ContainsKey("no_off") ? "Hotine_Oblique_Mercator" : "Hotine_Oblique_Mercator_Azimuth_Center",
            [
                ("latitude_of_center", lat0), ("longitude_of_center", Angle("lonc")), ("azimuth", Angle("alpha")),
                ("rectified_grid_angle", Angle("gamma", Angle("alpha"))), ("scale_factor", Scale()), .. offsets,
            ]),
            "cass" => ("Cassini_Soldner", [("latitude_of_origin", lat0), ("central_meridian", lon0), .. offsets]),
            "poly" => ("Polyconic", [("latitude_of_origin", lat0), ("central_meridian", lon0), .. offsets]),
            _ => throw new FormatException($"+proj={proj} is not supported"),
        };
    }

    private static (string, List<(string, double)>) Utm(Dictionary<string, string> terms, double metres)
    {
        if (!int.TryParse(terms.GetValueOrDefault("zone"), NumberStyles.None, CultureInfo.InvariantCulture, out var zone) || zone is < 1 or > 60)
            throw new FormatException("+proj=utm needs +zone between 1 and 60");
        return ("Transverse_Mercator",
        [
            ("latitude_of_origin", 0), ("central_meridian", zone * 6 - 183), ("scale_factor", 0.9996),
            ("false_easting", 500000 / metres), ("false_northing", (terms.ContainsKey("south") ? 10000000 : 0) / metres),
        ]);
    }

    private static (string, List<(string, double)>) Lcc(Dictionary<string, string> terms, double lon0, double k, (string, double)[] offsets)
    {
        var lat1 = terms.TryGetValue("lat_1", out var v1) ? Number(v1, "lat_1") : throw new FormatException("+proj=lcc has no +lat_1");
        var lat2 = terms.TryGetValue("lat_2", out var v2) ? Number(v2, "lat_2") : lat1;
        var lat0 = terms.TryGetValue("lat_0", out var v0) ? Number(v0, "lat_0") : lat1;
        if (lat1 != lat2)
            return ("Lambert_Conformal_Conic_2SP", [("latitude_of_origin", lat0), ("central_meridian", lon0), ("standard_parallel_1", lat1), ("standard_parallel_2", lat2), .. offsets]);
        if (lat0 != lat1)
            throw new FormatException("+proj=lcc with one standard parallel away from +lat_0 is not supported");
        return ("Lambert_Conformal_Conic_1SP", [("latitude_of_origin", lat1), ("central_meridian", lon0), ("scale_factor", k), .. offsets]);
    }

    private static double Number(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"+{name}={text} is not a number");
}
