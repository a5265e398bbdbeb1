using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Ellipsoidal Polar Stereographic, EPSG methods 9810 (variant A: latitude_of_origin ±90 and scale_factor) and 9829
/// (variant B: latitude_of_origin is the latitude of true scale), as GDAL writes both in WKT1 ("Polar_Stereographic").
/// Formulas from IOGP Guidance Note 7-2.
/// </summary>
internal sealed class PolarStereographic : MapProjection
{
    private const int MaxIterations = 15;

    private readonly bool _south;
    private readonly double _ak0Factor; // 2·a·k0 / sqrt((1+e)^(1+e)·(1−e)^(1−e))

    public PolarStereographic(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private PolarStereographic(IEnumerable<ProjectionParameter> parameters, PolarStereographic? inverse)
        : base(parameters, inverse)
    {
        _south = lat_origin < 0;
        var e = _e;
        var c = Math.Sqrt(Math.Pow(1 + e, 1 + e) * Math.Pow(1 - e, 1 - e));
        var k0 = Math.Abs(Math.Abs(lat_origin) - Math.PI / 2) < 1e-10 ? scale_factor : TrueScaleFactor(Math.Abs(lat_origin), c);
        _ak0Factor = 2 * _semiMajor * k0 / c;
    }

    public override MathTransform Inverse() => _inverse ??= new PolarStereographic(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var rho = _ak0Factor * T(_south ? -lat : lat);
        var dLon = lon - central_meridian;
        var x = rho * Math.Sin(dLon);
        var y = _south ? rho * Math.Cos(dLon) : -rho * Math.Cos(dLon);
        lon = x;
        lat = y;
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var rho = Math.Sqrt(x * x + y * y);
        var t = rho / _ak0Factor;
        var lat = Math.PI / 2 - 2 * Math.Atan(t);
        for (var i = 0; i < MaxIterations; i++)
        {
            var es = _e * Math.Sin(lat);
            var next = Math.PI / 2 - 2 * Math.Atan(t * Math.Pow((1 - es) / (1 + es), _e / 2));
            var done = Math.Abs(next - lat) < 1e-14;
            lat = next;
            if (done)
                break;
        }
        // Into −180..180° as PROJ answers: with a central meridian of 180° (EPSG:5482) the sum reaches 360°, a
        // longitude that no −180..180° source raster holds.
        var lon = Math.IEEERemainder(central_meridian + (_south ? Math.Atan2(x, y) : Math.Atan2(x, -y)), 2 * Math.PI);
        x = lon;
        y = _south ? -lat : lat;
    }

    /// <summary>t of the north-polar aspect; the south aspect uses t(−φ).</summary>
    private double T(double lat)
    {
        var es = _e * Math.Sin(lat);
        return Math.Tan(Math.PI / 4 - lat / 2) / Math.Pow((1 - es) / (1 + es), _e / 2);
    }

    private double TrueScaleFactor(double latTs, double c)
    {
        var sin = Math.Sin(latTs);
        var mF = Math.Cos(latTs) / Math.Sqrt(1 - _es * sin * sin);
        return mF * c / (2 * T(latTs));
    }
}
