using System.Collections.Frozen;
using System.Text;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Crs.Text;

namespace OgcTiler.Raster.Tiff;

/// <summary>The three GeoTIFF tags of a CRS: GeoKeyDirectory (34735), GeoDoubleParams (34736), GeoAsciiParams (34737).</summary>
internal sealed record GeoKeyTags(ushort[] Directory, double[] Doubles, string Ascii);

/// <summary>
/// Writes a CRS as GeoKeys the way GDAL and libgeotiff do: an EPSG CRS by its code; a user-defined one (the WKT1 the
/// engine keeps for it) as ProjectedCSTypeGeoKey = 32767 with ProjCoordTransGeoKey and the method's parameter keys,
/// the geographic part by its EPSG code or by ellipsoid, prime meridian and TOWGS84 keys, and the units. A projection
/// GeoTIFF has no method code for (Geostationary, Krovak) also goes as the "ESRI PE String" citation GDAL writes then.
/// The inverse of <see cref="GeoKeyCrs"/>, through the one table of methods (<see cref="GeoKeyMethods"/>).
/// </summary>
internal static class GeoKeyWriter
{
    private const double Degree = Math.PI / 180;

    /// <summary>The WKT1 of each EPSG geographic CRS of the table, for finding the code of a user-defined CRS's GEOGCS.</summary>
    private static readonly Lazy<FrozenDictionary<string, int>> GeographicCodes = new(() =>
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in EpsgTable.Embedded.Rows.Where(r => r.IsGeographic))
            codes.TryAdd(row.Wkt, row.Code);
        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    });

    public static GeoKeyTags For(CrsDefinition crs)
    {
        var keys = new KeyList();
        keys.Short(GeoKey.RasterType, 1);
        var epsg = crs.Id == CrsRegistry.Crs84.Id ? 4326 : crs.Epsg;
        if (epsg is { } code)
        {
            keys.Short(GeoKey.ModelType, crs.IsGeographic ? GeoKey.ModelGeographic : 1);
            keys.Short(crs.IsGeographic ? GeoKey.GeographicType : GeoKey.ProjectedType, code);
            return keys.Build();
        }
        var root = WktNode.Parse(crs.Wkt ?? throw new InvalidParameterException("crs", $"GeoTIFF output cannot describe the CRS {crs.Id}"));
        if (root.Keyword == "GEOGCS")
        {
            keys.Short(GeoKey.ModelType, GeoKey.ModelGeographic);
            Geographic(keys, root);
            return keys.Build();
        }
        Projected(keys, root);
        return keys.Build();
    }

    private static void Projected(KeyList keys, WktNode projcs)
    {
        var method = projcs.Child("PROJECTION")!.Name;
        var known = GeoKeyMethods.ByWkt.TryGetValue(method, out var m);
        keys.Short(GeoKey.ModelType, known ? 1 : GeoKey.UserDefined);
        keys.Ascii(GeoKey.Citation, Clean(projcs.Name));
        var angularUnit = Geographic(keys, projcs.Child("GEOGCS")!);
        var unit = projcs.ChildrenNamed("UNIT").Last();
        var linear = LinearUnitCode(unit.Number(0));
        keys.Short(GeoKey.ProjLinearUnits, linear ?? GeoKey.UserDefined);
        if (linear is null)
            keys.Double(GeoKey.ProjLinearUnitSize, unit.Number(0));
        if (!known)
        {
            keys.Ascii(GeoKey.PcsCitation, "ESRI PE String = " + GdalWkt.Of(projcs));
            return;
        }
        keys.Short(GeoKey.ProjectedType, GeoKey.UserDefined);
        keys.Short(GeoKey.Projection, GeoKey.UserDefined);
        keys.Short(GeoKey.ProjCoordTrans, m!.Code);
        var parameters = projcs.ChildrenNamed("PARAMETER").ToDictionary(p => p.Name, p => p.Number(0));
        foreach (var parameter in m.Parameters)
        {
            if (!parameters.TryGetValue(parameter.Name, out var value))
                continue;
            keys.Double(parameter.Keys[0], parameter.Unit == GeoKeyMethods.Unit.Angle ? value * Degree / angularUnit : value);
        }
        if (parameters.TryGetValue("false_easting", out var easting))
            keys.Double(m.FalseOrigin ? GeoKey.ProjFalseOriginEasting : GeoKey.ProjFalseEasting, easting);
        if (parameters.TryGetValue("false_northing", out var northing))
            keys.Double(m.FalseOrigin ? GeoKey.ProjFalseOriginNorthing : GeoKey.ProjFalseNorthing, northing);
    }

    /// <summary>Writes the geographic keys of a GEOGCS; returns its angular unit in radians.</summary>
    private static double Geographic(KeyList keys, WktNode geogcs)
    {
        var angularUnit = geogcs.Child("UNIT")?.Number(0) ?? Degree;
        var angularCode = AngularUnitCode(angularUnit);
        keys.Short(GeoKey.GeogAngularUnits, angularCode ?? GeoKey.UserDefined);
        if (angularCode is null)
            keys.Double(GeoKey.GeogAngularUnitSize, angularUnit);
        if (angularCode == 9102)
            angularUnit = Degree; // exactly: angles in degrees are written as they are
        var datum = geogcs.Child("DATUM")!;
        var towgs84 = datum.Child("TOWGS84")?.Values.OfType<double>().ToArray();
        if (towgs84 is not null)
            keys.Doubles(GeoKey.GeogTowgs84, towgs84);
        if (GeographicCodes.Value.TryGetValue(WithoutTowgs84(geogcs), out var code))
        {
            keys.Short(GeoKey.GeographicType, code);
            return angularUnit;
        }
        var spheroid = datum.Child("SPHEROID")!;
        var meridian = geogcs.Child("PRIMEM");
        var meridianLongitude = meridian?.Number(0) ?? 0;
        keys.Short(GeoKey.GeographicType, GeoKey.UserDefined);
        keys.Ascii(GeoKey.GeogCitation, $"GCS Name = {Clean(geogcs.Name)}|Datum = {Clean(datum.Name)}|Ellipsoid = {Clean(spheroid.Name)}|Primem = {Clean(meridian?.Name ?? "Greenwich")}");
        keys.Short(GeoKey.GeogGeodeticDatum, GeoKey.UserDefined);
        keys.Short(GeoKey.GeogEllipsoid, GeoKey.UserDefined);
        var (a, rf) = (spheroid.Number(0), spheroid.Number(1));
        if (rf >= Wkt1Builder.NearlySpherical)
            rf = 0; // the sphere the engine keeps as a nearly spherical ellipsoid for ProjNET (GdalWkt)
        keys.Double(GeoKey.GeogSemiMajorAxis, a);
        if (rf == 0)
            keys.Double(GeoKey.GeogSemiMinorAxis, a);
        else
            keys.Double(GeoKey.GeogInvFlattening, rf);
        if (meridianLongitude == 0)
            keys.Short(GeoKey.GeogPrimeMeridian, 8901);
        else
        {
            keys.Short(GeoKey.GeogPrimeMeridian, GeoKey.UserDefined);
            keys.Double(GeoKey.GeogPrimeMeridianLong, meridianLongitude);
        }
        return angularUnit;
    }

    private static string WithoutTowgs84(WktNode geogcs)
    {
        var text = GdalWkt.Text(geogcs);
        var start = text.IndexOf(",TOWGS84[", StringComparison.Ordinal);
        return start < 0 ? text : text.Remove(start, text.IndexOf(']', start) + 1 - start);
    }

    private static string Clean(string name) => name.Replace('|', '/');

    /// <summary>The EPSG code of a linear unit (metres per unit), when the geodetic table has one with that factor.</summary>
    private static int? LinearUnitCode(double metres) => UnitCode(metres, angular: false);

    private static int? AngularUnitCode(double radians) => UnitCode(radians, angular: true);

    private static int? UnitCode(double factor, bool angular)
    {
        foreach (var code in angular ? AngularCodes : LinearCodes)
        {
            if (GeodeticTable.Embedded.TryUnit(code, out var unit) && Math.Abs(unit.Factor - factor) <= 1e-12 * factor)
                return code;
        }
        return null;
    }

    /// <summary>Metre, foot, US survey foot and the other common EPSG lengths; radian, degree, arc-minute, arc-second, grad.</summary>
    private static readonly int[] LinearCodes = [9001, 9002, 9003, 9005, 9030, 9036, 9037, 9038, 9039, 9040, 9041, 9042, 9084, 9093, 9094, 9096, 9301];
    private static readonly int[] AngularCodes = [9102, 9101, 9103, 9104, 9105, 9106];

    /// <summary>GeoKeys by number (the directory lists them ascending), with their double and ASCII parameter values.</summary>
    private sealed class KeyList
    {
        private readonly SortedDictionary<int, object> _keys = [];

        public void Short(int key, int value) => _keys[key] = (ushort)value;

        public void Double(int key, double value) => _keys[key] = new[] { value };

        public void Doubles(int key, double[] values) => _keys[key] = values;

        /// <summary>An ASCII value; '|' ends a value in GeoAsciiParams, so callers keep it out of names.</summary>
        public void Ascii(int key, string value) => _keys[key] = value;

        public GeoKeyTags Build()
        {
            var directory = new List<ushort> { 1, 1, 0, (ushort)_keys.Count };
            var doubles = new List<double>();
            var ascii = new StringBuilder();
            foreach (var (key, value) in _keys)
            {
                switch (value)
                {
                    case ushort s:
                        directory.AddRange([(ushort)key, 0, 1, s]);
                        break;
                    case double[] d:
                        directory.AddRange([(ushort)key, TiffTag.GeoDoubleParams, (ushort)d.Length, (ushort)doubles.Count]);
                        doubles.AddRange(d);
                        break;
                    case string text:
                        directory.AddRange([(ushort)key, TiffTag.GeoAsciiParams, (ushort)(text.Length + 1), (ushort)ascii.Length]);
                        ascii.Append(text).Append('|');
                        break;
                }
            }
            return new GeoKeyTags([.. directory], [.. doubles], ascii.ToString());
        }
    }
}
