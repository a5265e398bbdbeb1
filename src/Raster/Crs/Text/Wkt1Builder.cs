using System.Globalization;
using System.Text;

namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// Writes the WKT1 ProjNET reads for a CRS described by parts (from GeoKeys, WKT or a PROJ string): angles in degrees,
/// lengths in the linear unit, projection and parameter names as GDAL's WKT1. Mercator variant B becomes variant A,
/// an equal-area projection on a sphere gets a nearly spherical ellipsoid and a non-Greenwich prime meridian is folded
/// into the projection's longitudes, since ProjNET handles none of these itself.
/// </summary>
internal static class Wkt1Builder
{
    private const double Degree = Math.PI / 180;

    /// <summary>The inverse flattening given to a sphere for the equal-area projections (ProjNET divides by the eccentricity).</summary>
    public const double NearlySpherical = 1e12;

    public static string Geographic(string name, string datum, string ellipsoid, double semiMajor, double inverseFlattening,
        double[]? towgs84, string meridianName, double meridianDegrees)
    {
        var shift = towgs84 is null ? "" : "," + Towgs84Node(towgs84);
        return string.Create(CultureInfo.InvariantCulture,
            $"GEOGCS[\"{Clean(name)}\",DATUM[\"{Clean(datum)}\",SPHEROID[\"{Clean(ellipsoid)}\",{semiMajor:R},{inverseFlattening:R}]{shift}],PRIMEM[\"{Clean(meridianName)}\",{meridianDegrees:R}],UNIT[\"degree\",0.0174532925199433]]");
    }

    public static string Projected(string name, string geographic, string method, List<(string Name, double Value)> parameters, string unitName, double metres)
    {
        if (method == "Mercator_2SP")
            (method, parameters) = ("Mercator_1SP", MercatorScaleFromParallel(parameters, geographic));
        if (method is "Lambert_Azimuthal_Equal_Area" or "Albers_Conic_Equal_Area" && InverseFlattening(geographic) == 0)
        {
            // ProjNET's forward equal-area formulas divide by the eccentricity: an ellipsoid 6 µm from the sphere instead
            var spheroid = SpheroidNode(geographic);
            geographic = geographic.Replace(spheroid, spheroid[..spheroid.LastIndexOf(',')] + string.Create(CultureInfo.InvariantCulture, $",{NearlySpherical:R}]"), StringComparison.Ordinal);
        }
        var meridian = PrimeMeridianDegrees(geographic);
        if (meridian != 0)
        {
            // longitudes of the projection count from the prime meridian: the same CRS on Greenwich
            geographic = geographic.Replace(PrimeMeridianNode(geographic), "PRIMEM[\"Greenwich\",0]", StringComparison.Ordinal);
            parameters = [.. parameters.Select(p => p.Name is "central_meridian" or "longitude_of_center" ? (p.Name, p.Value + meridian) : p)];
        }
        var wkt = new StringBuilder();
        wkt.Append(CultureInfo.InvariantCulture, $"PROJCS[\"{Clean(name)}\",{geographic},PROJECTION[\"{method}\"]");
        foreach (var (parameter, value) in parameters)
            wkt.Append(CultureInfo.InvariantCulture, $",PARAMETER[\"{parameter}\",{value:R}]");
        wkt.Append(CultureInfo.InvariantCulture, $",UNIT[\"{Clean(unitName)}\",{metres:R}]]");
        return wkt.ToString();
    }

    /// <summary>The GEOGCS with its TOWGS84 replaced by (or given) <paramref name="towgs84"/>.</summary>
    public static string WithTowgs84(string geogcs, double[] towgs84)
    {
        var values = Towgs84Node(towgs84);
        var start = geogcs.IndexOf(",TOWGS84[", StringComparison.Ordinal);
        if (start >= 0)
            return string.Concat(geogcs.AsSpan(0, start + 1), values, geogcs.AsSpan(geogcs.IndexOf(']', start) + 1));
        var spheroidEnd = geogcs.IndexOf(']', geogcs.IndexOf("SPHEROID[", StringComparison.Ordinal));
        return string.Concat(geogcs.AsSpan(0, spheroidEnd + 1), ",", values, geogcs.AsSpan(spheroidEnd + 1));
    }

    public static double PrimeMeridianDegrees(string geographic)
    {
        var node = PrimeMeridianNode(geographic);
        return double.Parse(node[(node.LastIndexOf(',') + 1)..^1], CultureInfo.InvariantCulture);
    }

    public static double InverseFlattening(string geographic)
    {
        var node = SpheroidNode(geographic);
        return double.Parse(node[(node.LastIndexOf(',') + 1)..^1], CultureInfo.InvariantCulture);
    }

    public static double SemiMajor(string geographic)
    {
        var node = SpheroidNode(geographic);
        var first = node.IndexOf(',') + 1;
        return double.Parse(node[first..node.IndexOf(',', first)], CultureInfo.InvariantCulture);
    }

    private static string Towgs84Node(double[] towgs84) =>
        "TOWGS84[" + string.Join(",", (towgs84.Length == 7 ? towgs84 : [.. towgs84, 0, 0, 0, 0]).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>
    /// Mercator (variant B) as variant A: k0 = cos φ1 / √(1 − e² sin² φ1) (IOGP 7-2), since ProjNET's Mercator_2SP
    /// does not take standard_parallel_1.
    /// </summary>
    private static List<(string, double)> MercatorScaleFromParallel(List<(string Name, double Value)> parameters, string geographic)
    {
        var rf = InverseFlattening(geographic);
        var f = rf == 0 ? 0 : 1 / rf;
        var es = 2 * f - f * f;
        var phi1 = parameters.FirstOrDefault(p => p.Name == "standard_parallel_1").Value * Degree;
        var k0 = Math.Cos(phi1) / Math.Sqrt(1 - es * Math.Sin(phi1) * Math.Sin(phi1));
        return [("latitude_of_origin", 0), .. parameters.Where(p => p.Name is not ("standard_parallel_1" or "latitude_of_origin" or "scale_factor")), ("scale_factor", k0)];
    }

    private static string SpheroidNode(string geographic)
    {
        var start = geographic.IndexOf("SPHEROID[", StringComparison.Ordinal);
        return geographic[start..(geographic.IndexOf(']', start) + 1)];
    }

    private static string PrimeMeridianNode(string geographic)
    {
        var start = geographic.IndexOf("PRIMEM[", StringComparison.Ordinal);
        return geographic[start..(geographic.IndexOf(']', start) + 1)];
    }

    private static string Clean(string name) => name.Replace('"', '\'');
}
