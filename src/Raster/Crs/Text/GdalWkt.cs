using System.Globalization;
using System.Text;

namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// The WKT1 GDAL reads as the CRS the engine keeps (its WKT1 for ProjNET, <see cref="Wkt1Builder"/>), with the
/// engine's own devices undone: the nearly spherical ellipsoid of the equal-area projections is the sphere again, and
/// Geostationary's sweep axis, which WKT1 cannot say, goes into the PROJ4 EXTENSION GDAL writes for it.
/// </summary>
internal static class GdalWkt
{
    private const string SweepParameter = "sweep_x";

    public static string Of(string engineWkt) => Of(WktNode.Parse(engineWkt));

    public static string Of(WktNode root)
    {
        var wkt = Text(root);
        if (root.Child("PROJECTION")?.Name != "Geostationary_Satellite")
            return wkt;
        var p = root.ChildrenNamed("PARAMETER").ToDictionary(x => x.Name, x => x.Number(0));
        return p.GetValueOrDefault(SweepParameter) == 0 ? wkt : wkt[..^1] + ",EXTENSION[\"PROJ4\",\"" + SweepXProjString(root, p) + "\"]]";
    }

    /// <summary>The node as WKT text, without the engine's sweep parameter, a nearly spherical ellipsoid as the sphere.</summary>
    public static string Text(WktNode node)
    {
        var text = new StringBuilder(node.Keyword).Append('[');
        var numbers = 0;
        var first = true;
        foreach (var value in node.Values)
        {
            if (value is WktNode { Keyword: "PARAMETER" } p && p.Name == SweepParameter)
                continue;
            if (!first)
                text.Append(',');
            first = false;
            text.Append(value switch
            {
                WktNode child => Text(child),
                double d when node.Keyword == "SPHEROID" && numbers++ == 1 && d >= Wkt1Builder.NearlySpherical => "0",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                string s => $"\"{s}\"",
                _ => value.ToString(),
            });
        }
        return text.Append(']').ToString();
    }

    private static string SweepXProjString(WktNode projcs, Dictionary<string, double> p)
    {
        var datum = projcs.Child("GEOGCS")!.Child("DATUM")!;
        var spheroid = datum.Child("SPHEROID")!;
        var (a, rf) = (spheroid.Number(0), spheroid.Number(1));
        var ellipsoid = GeodeticTable.Embedded.TryProjEllipsoidName(a, rf, out var name) ? $"+ellps={name}"
            : rf == 0 ? string.Create(CultureInfo.InvariantCulture, $"+R={a:R}") : string.Create(CultureInfo.InvariantCulture, $"+a={a:R} +rf={rf:R}");
        var proj = string.Create(CultureInfo.InvariantCulture,
            $"+proj=geos +sweep=x +lon_0={p.GetValueOrDefault("central_meridian"):R} +h={p["satellite_height"]:R} +x_0={p.GetValueOrDefault("false_easting"):R} +y_0={p.GetValueOrDefault("false_northing"):R} {ellipsoid}");
        if (datum.Child("TOWGS84")?.Values.OfType<double>().ToArray() is { } towgs84)
            proj += " +towgs84=" + string.Join(",", towgs84.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var unit = projcs.ChildrenNamed("UNIT").Last().Number(0);
        return proj + (unit == 1 ? " +units=m +no_defs" : string.Create(CultureInfo.InvariantCulture, $" +to_meter={unit:R} +no_defs"));
    }
}
