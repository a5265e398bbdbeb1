using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Geostationary satellite view (PROJ's geos) on the ellipsoid: the scanning angles of a satellite at satellite_height
/// above the equator at central_meridian, times the height, with the sweep axis y (Meteosat) or, when sweep_x is 1,
/// x (GOES). Points the satellite cannot see do not transform (NaN). Missing from ProjNET 2.0.0.
/// </summary>
internal sealed class Geostationary : MapProjection
{
    private readonly double _radiusG1; // h / a
    private readonly double _radiusG;  // 1 + h / a
    private readonly double _c;        // radiusG² − 1
    private readonly double _radiusP;  // b / a
    private readonly double _radiusP2; // (b / a)²
    private readonly bool _sweepX;

    public Geostationary(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private Geostationary(IEnumerable<ProjectionParameter> parameters, Geostationary? inverse)
        : base(parameters, inverse)
    {
        _radiusG1 = _Parameters.GetParameterValue("satellite_height") / _semiMajor;
        _radiusG = 1 + _radiusG1;
        _c = _radiusG * _radiusG - 1;
        _radiusP2 = 1 - _es;
        _radiusP = Math.Sqrt(_radiusP2);
        _sweepX = _Parameters.GetOptionalParameterValue("sweep_x", 0) != 0;
    }

    public override MathTransform Inverse() => _inverse ??= new Geostationary(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var lambda = Math.IEEERemainder(lon - central_meridian, 2 * Math.PI);
        var geocentric = Math.Atan(_radiusP2 * Math.Tan(lat));
        var r = _radiusP / Math.Sqrt(Math.Pow(_radiusP * Math.Cos(geocentric), 2) + Math.Pow(Math.Sin(geocentric), 2));
        var vx = r * Math.Cos(lambda) * Math.Cos(geocentric);
        var vy = r * Math.Sin(lambda) * Math.Cos(geocentric);
        var vz = r * Math.Sin(geocentric);
        var tmp = _radiusG - vx;
        if (tmp * vx - vy * vy - vz * vz / _radiusP2 < 0)
        {
            lon = lat = double.NaN; // behind the visible disc
            return;
        }
        (lon, lat) = _sweepX
            ? (_radiusG1 * Math.Atan(vy / Math.Sqrt(vz * vz + tmp * tmp)), _radiusG1 * Math.Atan(vz / tmp))
            : (_radiusG1 * Math.Atan(vy / tmp), _radiusG1 * Math.Atan(vz / Math.Sqrt(vy * vy + tmp * tmp)));
        lon *= _semiMajor;
        lat *= _semiMajor;
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var (ax, ay) = (x / _semiMajor, y / _semiMajor);
        const double vx0 = -1;
        double vy, vz;
        if (_sweepX)
        {
            vz = Math.Tan(ay / _radiusG1);
            vy = Math.Tan(ax / _radiusG1) * Math.Sqrt(1 + vz * vz);
        }
        else
        {
            vy = Math.Tan(ax / _radiusG1);
            vz = Math.Tan(ay / _radiusG1) * Math.Sqrt(1 + vy * vy);
        }
        var scaledZ = vz / _radiusP;
        var a = vy * vy + scaledZ * scaledZ + vx0 * vx0;
        var b = 2 * _radiusG * vx0;
        var det = b * b - 4 * a * _c;
        if (det < 0)
        {
            x = y = double.NaN; // off the Earth's disc
            return;
        }
        var k = (-b - Math.Sqrt(det)) / (2 * a);
        var vx = _radiusG + k * vx0;
        vy *= k;
        vz *= k;
        var lambda = Math.Atan2(vy, vx);
        var phi = Math.Atan(vz * Math.Cos(lambda) / vx);
        x = lambda + central_meridian;
        y = Math.Atan(Math.Tan(phi) / _radiusP2);
    }
}
