using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Hotine Oblique Mercator variant A, EPSG method 9812 (GeoTIFF CT_ObliqueMercator, PROJ's <c>+proj=omerc +no_uoff</c>),
/// from IOGP Guidance Note 7-2: the u axis starts at the natural origin, where the projection's centre line meets the
/// aposphere's equator. ProjNET's Hotine class always measures u from the projection centre (variant B, 9815), which
/// OgcTiler keeps for that method.
/// </summary>
internal sealed class HotineObliqueMercatorA : MapProjection
{
    private const int MaxIterations = 15;

    private readonly double _b, _a, _h;
    private readonly double _sinGamma0, _cosGamma0;
    private readonly double _sinGammaC, _cosGammaC;
    private readonly double _lambda0;

    public HotineObliqueMercatorA(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private HotineObliqueMercatorA(IEnumerable<ProjectionParameter> parameters, HotineObliqueMercatorA? inverse)
        : base(parameters, inverse)
    {
        var alphaC = DegreesToRadians(_Parameters.GetParameterValue("azimuth"));
        var gammaC = DegreesToRadians(_Parameters.GetParameterValue("rectified_grid_angle"));
        var phiC = lat_origin;
        var sinPhi = Math.Sin(phiC);
        var cosPhi = Math.Cos(phiC);
        _b = Math.Sqrt(1 + _es * Math.Pow(cosPhi, 4) / (1 - _es));
        _a = _semiMajor * _b * scale_factor * Math.Sqrt(1 - _es) / (1 - _es * sinPhi * sinPhi);
        var d = _b * Math.Sqrt(1 - _es) / (cosPhi * Math.Sqrt(1 - _es * sinPhi * sinPhi));
        var f = d < 1 ? d : d + Math.Sqrt(d * d - 1) * (phiC < 0 ? -1 : 1);
        _h = f * Math.Pow(T(phiC), _b);
        var g = (f - 1 / f) / 2;
        var gamma0 = Math.Asin(Math.Sin(alphaC) / Math.Max(d, 1));
        (_sinGamma0, _cosGamma0) = Math.SinCos(gamma0);
        (_sinGammaC, _cosGammaC) = Math.SinCos(gammaC);
        _lambda0 = central_meridian - Math.Asin(g * Math.Tan(gamma0)) / _b;
    }

    public override MathTransform Inverse() => _inverse ??= new HotineObliqueMercatorA(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var dLambda = Math.IEEERemainder(lon - _lambda0, 2 * Math.PI);
        var q = _h / Math.Pow(T(lat), _b);
        var s = (q - 1 / q) / 2;
        var t = (q + 1 / q) / 2;
        var v = Math.Sin(_b * dLambda);
        var u = (-v * _cosGamma0 + s * _sinGamma0) / t;
        var vAxis = _a * Math.Log((1 - u) / (1 + u)) / (2 * _b);
        var uAxis = _a * Math.Atan2(s * _cosGamma0 + v * _sinGamma0, Math.Cos(_b * dLambda)) / _b;
        lon = vAxis * _cosGammaC + uAxis * _sinGammaC;
        lat = uAxis * _cosGammaC - vAxis * _sinGammaC;
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var vAxis = x * _cosGammaC - y * _sinGammaC;
        var uAxis = y * _cosGammaC + x * _sinGammaC;
        var q = Math.Exp(-_b * vAxis / _a);
        var s = (q - 1 / q) / 2;
        var t = (q + 1 / q) / 2;
        var v = Math.Sin(_b * uAxis / _a);
        var u = (v * _cosGamma0 + s * _sinGamma0) / t;
        var tPrime = Math.Pow(_h / Math.Sqrt((1 + u) / (1 - u)), 1 / _b);
        var lat = Math.PI / 2 - 2 * Math.Atan(tPrime);
        for (var i = 0; i < MaxIterations; i++)
        {
            var es = _e * Math.Sin(lat);
            var next = Math.PI / 2 - 2 * Math.Atan(tPrime * Math.Pow((1 - es) / (1 + es), _e / 2));
            var done = Math.Abs(next - lat) < 1e-14;
            lat = next;
            if (done)
                break;
        }
        x = _lambda0 - Math.Atan2(s * _cosGamma0 - v * _sinGamma0, Math.Cos(_b * uAxis / _a)) / _b;
        y = lat;
    }

    private double T(double lat)
    {
        var es = _e * Math.Sin(lat);
        return Math.Tan(Math.PI / 4 - lat / 2) / Math.Pow((1 - es) / (1 + es), _e / 2);
    }
}
