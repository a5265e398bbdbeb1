using System.Collections.Frozen;
using System.Globalization;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// The EPSG ellipsoids, prime meridians, datums, units and conversions GeoKeys name, from config/crs/geodetic.tsv (generated from
/// proj.db by config/crs/geodetic.py), read once on first use.
/// </summary>
internal sealed class GeodeticTable
{
    private const string ResourceName = "OgcTiler.Raster.Crs.geodetic.tsv";

    private static readonly Lazy<GeodeticTable> LazyEmbedded = new(Load);

    private readonly FrozenDictionary<(char Kind, int Code), string[]> _rows;
    private readonly FrozenDictionary<string, int> _datumsByName;
    private readonly FrozenDictionary<string, (double SemiMajor, double InverseFlattening)> _projEllipsoids;

    private GeodeticTable(FrozenDictionary<(char, int), string[]> rows, FrozenDictionary<string, int> datumsByName,
        FrozenDictionary<string, (double, double)> projEllipsoids)
    {
        _rows = rows;
        _datumsByName = datumsByName;
        _projEllipsoids = projEllipsoids;
    }

    public static GeodeticTable Embedded => LazyEmbedded.Value;

    public bool TryEllipsoid(int code, out (string Name, double SemiMajor, double InverseFlattening) ellipsoid)
    {
        ellipsoid = _rows.TryGetValue(('E', code), out var f) ? (f[4], Number(f[2]), Number(f[3])) : default;
        return f is not null;
    }

    public bool TryPrimeMeridian(int code, out (string Name, double Degrees) meridian)
    {
        meridian = _rows.TryGetValue(('P', code), out var f) ? (f[3], Number(f[2])) : default;
        return f is not null;
    }

    /// <summary>An EPSG prime meridian by name (Paris, Lisbon...), case ignored.</summary>
    public bool TryPrimeMeridianByName(string name, out (string Name, double Degrees) meridian)
    {
        foreach (var ((kind, _), f) in _rows)
        {
            if (kind == 'P' && f[3].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                meridian = (f[3], Number(f[2]));
                return true;
            }
        }
        meridian = default;
        return false;
    }

    /// <summary>The lowest EPSG geographic 2D CRS on the datum.</summary>
    public bool TryDatum(int code, out int geographicCrs)
    {
        geographicCrs = _rows.TryGetValue(('D', code), out var f) ? int.Parse(f[2], CultureInfo.InvariantCulture) : 0;
        return f is not null;
    }

    /// <summary>
    /// The EPSG datum of a name as WKT writes it: EPSG's ("North American Datum 1927"), GDAL's underscored form or an
    /// alias such as ESRI's "D_North_American_1927"; case, spaces and punctuation are ignored.
    /// </summary>
    public bool TryDatumByName(string name, out int datum) => _datumsByName.TryGetValue(NameKey(name), out datum);

    /// <summary>An ellipsoid by PROJ's +ellps name (WGS84, GRS80, intl, clrk66...).</summary>
    public bool TryProjEllipsoid(string name, out (double SemiMajor, double InverseFlattening) ellipsoid) =>
        _projEllipsoids.TryGetValue(name, out ellipsoid);

    /// <summary>PROJ's +ellps name of an ellipsoid, when exactly one has these axes.</summary>
    public bool TryProjEllipsoidName(double semiMajor, double inverseFlattening, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        var matches = _projEllipsoids.Where(e => e.Value.SemiMajor == semiMajor && Math.Abs(e.Value.InverseFlattening - inverseFlattening) < 1e-9).Take(2).ToList();
        name = matches.Count == 1 ? matches[0].Key : null;
        return name is not null;
    }

    /// <summary>An EPSG conversion (ProjectionGeoKey) as the PROJ string of its method and parameters, lengths in metres.</summary>
    public bool TryConversion(int code, out (string Proj, string Name) conversion)
    {
        conversion = _rows.TryGetValue(('C', code), out var f) ? (f[2], f[3]) : default;
        return f is not null;
    }

    /// <summary>Metres per unit (linear) or radians per unit (angular; EPSG codes 91xx).</summary>
    public bool TryUnit(int code, out (string Name, double Factor, bool Angular) unit)
    {
        unit = _rows.TryGetValue(('U', code), out var f) ? (f[3], Number(f[2]), code is >= 9100 and < 9200) : default;
        return f is not null;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static GeodeticTable Load()
    {
        using var stream = typeof(GeodeticTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new Dictionary<(char, int), string[]>();
        var datums = new Dictionary<string, int>();
        var ellipsoids = new Dictionary<string, (double, double)>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length < 3)
                continue;
            if (f[0] == "L")
            {
                ellipsoids[f[1]] = (Number(f[2]), Number(f[3]));
                continue;
            }
            var code = int.Parse(f[1], CultureInfo.InvariantCulture);
            if (f[0] is "N" or "D")
            {
                var name = f[0] == "N" ? f[2] : f[3];
                datums.TryAdd(NameKey(name), code);
                if (name.StartsWith("D_", StringComparison.Ordinal)) // ESRI's alias without its prefix is GDAL's WKT1 name
                    datums.TryAdd(NameKey(name[2..]), code);
            }
            if (f[0] != "N")
                rows[(f[0][0], code)] = f;
        }
        return new GeodeticTable(rows.ToFrozenDictionary(), datums.ToFrozenDictionary(), ellipsoids.ToFrozenDictionary());
    }

    private static string NameKey(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
}
