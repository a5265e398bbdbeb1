using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Equidistant Cylindrical ("Equirectangular" in WKT1, PROJ's eqc): x = a·(λ−λ0)·cos φts, y = a·(φ−φ0), on the
/// semi-major axis even for an ellipsoid, as PROJ computes it. Missing from ProjNET 2.0.0.
/// </summary>
internal sealed class Equirectangular : MapProjection
{
    private readonly double _cosTs;

    public Equirectangular(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private Equirectangular(IEnumerable<ProjectionParameter> parameters, Equirectangular? inverse)
        : base(parameters, inverse) =>
        _cosTs = Math.Cos(DegreesToRadians(_Parameters.GetOptionalParameterValue("standard_parallel_1", 0)));

    public override MathTransform Inverse() => _inverse ??= new Equirectangular(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        lon = _semiMajor * Math.IEEERemainder(lon - central_meridian, 2 * Math.PI) * _cosTs;
        lat = _semiMajor * (lat - lat_origin);
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        x = x / (_semiMajor * _cosTs) + central_meridian;
        y = y / _semiMajor + lat_origin;
    }
}
