using System.Globalization;
using System.Text.RegularExpressions;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// Finds the EPSG CRS a WKT1 describes, as GDAL's identification (OSRFindMatches) does at the confidence rasterio's
/// CRS.to_epsg() accepts: same projection method and parameters, ellipsoid, prime meridian and unit; names and TOWGS84
/// (a bound CRS is identified by its base) are ignored. A user-defined datum (named "unknown" by GeoKeyCrs) matches
/// no geographic CRS and no CRS on a datum ensemble (WGS 84, ETRS89), whose members GDAL does not equate with an
/// ellipsoid alone. Used once per user-defined CRS.
/// </summary>
internal static partial class EpsgMatcher
{
    private const string UserDatum = "DATUM[\"unknown\",";

    public static int? Find(EpsgTable table, string wkt)
    {
        var wanted = Signature.Of(wkt);
        var userDatum = wkt.Contains(UserDatum, StringComparison.Ordinal);
        if (wanted.Method is null && userDatum)
            return null;
        var node = wanted.Method is null ? null : $"PROJECTION[\"{wanted.Method}\"]";
        foreach (var row in table.Rows)
        {
            if (row.Wkt == EpsgRow.WebMercator || (node is null ? !row.IsGeographic : !row.Wkt.Contains(node, StringComparison.Ordinal)))
                continue;
            var candidate = table.ExpandWkt(row);
            if (userDatum && IsEnsemble(candidate))
                continue;
            if (wanted.Matches(Signature.Of(candidate)))
                return row.Code;
        }
        return null;
    }

    private static bool IsEnsemble(string wkt) =>
        wkt.Contains("DATUM[\"WGS_1984\"", StringComparison.Ordinal)
        || wkt.Contains("DATUM[\"European_Terrestrial_Reference_System_1989\"", StringComparison.Ordinal);

    private sealed record Signature(string? Method, Dictionary<string, double> Parameters, double[] Spheroid, double Meridian, double Unit)
    {
        public static Signature Of(string wkt)
        {
            var method = ProjectionNode().Match(wkt);
            var parameters = ParameterNode().Matches(wkt).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => Number(m.Groups[2].Value));
            var spheroid = SpheroidNode().Match(wkt);
            var units = UnitNode().Matches(wkt);
            return new Signature(
                method.Success ? method.Groups[1].Value : null,
                parameters,
                [Number(spheroid.Groups[1].Value), Number(spheroid.Groups[2].Value)],
                Number(PrimeMeridianNode().Match(wkt).Groups[1].Value),
                Number(units[^1].Groups[1].Value));
        }

        public bool Matches(Signature other) =>
            Method == other.Method
            && Close(Spheroid[0], other.Spheroid[0], 1e-4) && Close(Spheroid[1], other.Spheroid[1], 1e-8)
            && Close(Meridian, other.Meridian, 1e-9)
            && Close(Unit, other.Unit, 1e-12 * Unit)
            && Parameters.Keys.Union(other.Parameters.Keys).All(k => Close(Value(k), other.Value(k), 1e-7));

        private double Value(string name) => Parameters.TryGetValue(name, out var v) ? v : name == "scale_factor" ? 1 : 0;

        private static bool Close(double a, double b, double tolerance) => Math.Abs(a - b) <= tolerance;

        private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("PROJECTION\\[\"([^\"]+)\"")]
    private static partial Regex ProjectionNode();

    [GeneratedRegex("PARAMETER\\[\"([^\"]+)\",([^\\]]+)\\]")]
    private static partial Regex ParameterNode();

    [GeneratedRegex("SPHEROID\\[\"[^\"]*\",([^,\\]]+),([^,\\]]+)")]
    private static partial Regex SpheroidNode();

    [GeneratedRegex("PRIMEM\\[\"[^\"]*\",([^,\\]]+)")]
    private static partial Regex PrimeMeridianNode();

    [GeneratedRegex("UNIT\\[\"[^\"]*\",([^,\\]]+)")]
    private static partial Regex UnitNode();
}
