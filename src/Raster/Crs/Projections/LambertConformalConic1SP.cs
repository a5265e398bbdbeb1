using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>Ellipsoidal Lambert Conic Conformal (1SP), EPSG method 9801, from IOGP Guidance Note 7-2.</summary>
internal sealed class LambertConformalConic1SP : MapProjection
{
    private const int MaxIterations = 15;

    private readonly double _n;
    private readonly double _aF; // a·F·k0
    private readonly double _rho0;

    public LambertConformalConic1SP(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private LambertConformalConic1SP(IEnumerable<ProjectionParameter> parameters, LambertConformalConic1SP? inverse)
        : base(parameters, inverse)
    {
        var phi0 = lat_origin;
        var sin0 = Math.Sin(phi0);
        var m0 = Math.Cos(phi0) / Math.Sqrt(1 - _es * sin0 * sin0);
        var t0 = T(phi0);
        _n = sin0;
        _aF = _semiMajor * m0 / (_n * Math.Pow(t0, _n)) * scale_factor;
        _rho0 = _aF * Math.Pow(t0, _n);
    }

    public override MathTransform Inverse() => _inverse ??= new LambertConformalConic1SP(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var rho = _aF * Math.Pow(T(lat), _n);
        var theta = _n * (lon - central_meridian);
        lon = rho * Math.Sin(theta);
        lat = _rho0 - rho * Math.Cos(theta);
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var dy = _rho0 - y;
        var rho = Math.Sign(_n) * Math.Sqrt(x * x + dy * dy);
        var t = Math.Pow(rho / _aF, 1 / _n);
        var theta = _n > 0 ? Math.Atan2(x, dy) : Math.Atan2(-x, -dy);
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
        x = theta / _n + central_meridian;
        y = lat;
    }

    private double T(double lat)
    {
        var es = _e * Math.Sin(lat);
        return Math.Tan(Math.PI / 4 - lat / 2) / Math.Pow((1 - es) / (1 + es), _e / 2);
    }
}
