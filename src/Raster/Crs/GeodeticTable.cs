using System.Collections.Frozen;
using System.Globalization;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// The EPSG ellipsoids, prime meridians, datums and units GeoKeys name, from config/crs/geodetic.tsv (generated from
/// proj.db by config/crs/geodetic.py), read once on first use.
/// </summary>
internal sealed class GeodeticTable
{
    private const string ResourceName = "OgcTiler.Raster.Crs.geodetic.tsv";

    private static readonly Lazy<GeodeticTable> LazyEmbedded = new(Load);

    private readonly FrozenDictionary<(char Kind, int Code), string[]> _rows;

    private GeodeticTable(FrozenDictionary<(char, int), string[]> rows) => _rows = rows;

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

    /// <summary>The lowest EPSG geographic 2D CRS on the datum.</summary>
    public bool TryDatum(int code, out int geographicCrs)
    {
        geographicCrs = _rows.TryGetValue(('D', code), out var f) ? int.Parse(f[2], CultureInfo.InvariantCulture) : 0;
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
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length >= 4)
                rows[(f[0][0], int.Parse(f[1], CultureInfo.InvariantCulture))] = f;
        }
        return new GeodeticTable(rows.ToFrozenDictionary());
    }
}
