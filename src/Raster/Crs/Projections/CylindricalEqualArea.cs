using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Lambert Cylindrical Equal Area (EPSG methods 9835 and 9834, PROJ's cea) on the ellipsoid, with the latitude of
/// true scale standard_parallel_1; the inverse uses the authalic latitude series PROJ uses. Missing from ProjNET 2.0.0.
/// </summary>
internal sealed class CylindricalEqualArea : MapProjection
{
    private readonly double _k0;
    private readonly double _qp;
    private readonly double[] _authalic;

    public CylindricalEqualArea(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private CylindricalEqualArea(IEnumerable<ProjectionParameter> parameters, CylindricalEqualArea? inverse)
        : base(parameters, inverse)
    {
        var sinTs = Math.Sin(DegreesToRadians(_Parameters.GetOptionalParameterValue("standard_parallel_1", 0)));
        _k0 = Math.Sqrt(1 - sinTs * sinTs) / Math.Sqrt(1 - _es * sinTs * sinTs);
        _qp = Q(1);
        var (e2, e4, e6) = (_es, _es * _es, _es * _es * _es);
        _authalic = [e2 / 3 + 31 * e4 / 180 + 517 * e6 / 5040, 23 * e4 / 360 + 251 * e6 / 3780, 761 * e6 / 45360];
    }

    public override MathTransform Inverse() => _inverse ??= new CylindricalEqualArea(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var y = _semiMajor * Q(Math.Sin(lat)) / (2 * _k0);
        lon = _semiMajor * _k0 * Math.IEEERemainder(lon - central_meridian, 2 * Math.PI);
        lat = y;
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var sinBeta = Math.Clamp(2 * y * _k0 / (_semiMajor * _qp), -1, 1);
        var beta = Math.Asin(sinBeta);
        x = x / (_semiMajor * _k0) + central_meridian;
        y = beta + _authalic[0] * Math.Sin(2 * beta) + _authalic[1] * Math.Sin(4 * beta) + _authalic[2] * Math.Sin(6 * beta);
    }

    /// <summary>q(φ) of Snyder (3-12) from sin φ; 2·sin φ on the sphere.</summary>
    private double Q(double sin)
    {
        if (_e < 1e-12)
            return 2 * sin;
        var es = _e * sin;
        return (1 - _es) * (sin / (1 - es * es) - 1 / (2 * _e) * Math.Log((1 - es) / (1 + es)));
    }
}
