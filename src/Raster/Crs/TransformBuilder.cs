using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// Builds the steps between two CRSs: inverse projection, datum change, forward projection. Like PROJ, the datum
/// changes only when a side has operations to WGS 84 (the ones PROJ lists for an EPSG datum, or a non-zero TOWGS84)
/// and the two sides differ; otherwise latitude/longitude are carried over unchanged ("ballpark"), so WGS84 ↔
/// ETRS89/NAD83/GDA does not pick up the millimetre-level shift of an ellipsoid change through geocentric coordinates.
/// </summary>
internal static class TransformBuilder
{
    private static readonly CoordinateTransformationFactory Factory = new();
    private static readonly CoordinateSystemFactory CsFactory = new();

    public static TransformSteps Build(CrsDefinition source, CrsDefinition target)
    {
        var sourceGeo = GeographicOf(source.CoordinateSystem);
        var targetGeo = GeographicOf(target.CoordinateSystem);
        MathTransform[] before = source.CoordinateSystem is ProjectedCoordinateSystem
            ? [Factory.CreateFromCoordinateSystems(source.CoordinateSystem, sourceGeo).MathTransform]
            : [];
        MathTransform[] after = target.CoordinateSystem is ProjectedCoordinateSystem
            ? [Factory.CreateFromCoordinateSystems(targetGeo, target.CoordinateSystem).MathTransform]
            : [];
        var (sourceOps, sourceKey) = OperationsOf(source, sourceGeo);
        var (targetOps, targetKey) = OperationsOf(target, targetGeo);
        if (Equals(sourceKey, targetKey))
            return new TransformSteps([.. before, .. Ballpark(sourceGeo, targetGeo)], null, after);
        var datum = new DatumShift(sourceOps, targetOps, ToInput(source.CoordinateSystem, sourceGeo),
            (PrimeMeridianDegrees(sourceGeo), DegreesPerUnit(sourceGeo)), (PrimeMeridianDegrees(targetGeo), DegreesPerUnit(targetGeo)));
        return new TransformSteps(before, datum, after);
    }

    /// <summary>
    /// A CRS's operations to WGS 84 and what identifies them (two CRSs with the same key share a datum): PROJ's list
    /// for an EPSG datum, else its TOWGS84 when not zero, else none (WGS 84, or a datum PROJ would ballpark).
    /// </summary>
    private static (DatumOperation[]? Operations, object? Key) OperationsOf(CrsDefinition crs, GeographicCoordinateSystem geo)
    {
        if (crs.DatumOperations is { } listed && listed.Any(o => o.IsSupported))
            return (listed, listed);
        var datum = geo.HorizontalDatum;
        if (datum.Wgs84Parameters is not { } p || p.HasZeroValuesOnly)
            return (null, null);
        var ellipsoid = datum.Ellipsoid;
        var rf = ellipsoid.InverseFlattening is var f && double.IsFinite(f) ? f : 0;
        var op = DatumOperation.FromToWgs84(datum.Name, PrimeMeridianDegrees(geo), ellipsoid.SemiMajorAxis * ellipsoid.AxisUnit.MetersPerUnit, rf,
            [p.Dx, p.Dy, p.Dz, p.Ex, p.Ey, p.Ez, p.Ppm]);
        return ([op], p);
    }

    /// <summary>Only the prime meridian and angular unit change: ProjNET converts them, keeping the source datum.</summary>
    private static MathTransform[] Ballpark(GeographicCoordinateSystem source, GeographicCoordinateSystem target)
    {
        if (SameUnitAndMeridian(source, target))
            return [];
        var sameDatum = CsFactory.CreateGeographicCoordinateSystem(target.Name, target.AngularUnit, source.HorizontalDatum,
            target.PrimeMeridian, target.GetAxis(0), target.GetAxis(1));
        return [Factory.CreateFromCoordinateSystems(source, sameDatum).MathTransform];
    }

    /// <summary>Longitude/latitude in degrees from Greenwich on the source ellipsoid to the source CRS, where PROJ compares areas of use.</summary>
    private static Action<Span<double>, Span<double>> ToInput(CoordinateSystem source, GeographicCoordinateSystem geo)
    {
        var primeMeridian = PrimeMeridianDegrees(geo);
        var degrees = DegreesPerUnit(geo);
        var project = source is ProjectedCoordinateSystem ? Factory.CreateFromCoordinateSystems(geo, source).MathTransform : null;
        return (xs, ys) =>
        {
            for (var i = 0; i < xs.Length; i++)
            {
                xs[i] = (xs[i] - primeMeridian) / degrees;
                ys[i] /= degrees;
            }
            project?.Transform(xs, ys);
        };
    }

    private static double PrimeMeridianDegrees(GeographicCoordinateSystem gcs) =>
        gcs.PrimeMeridian.Longitude * gcs.PrimeMeridian.AngularUnit.RadiansPerUnit * (180 / Math.PI);

    private static double DegreesPerUnit(GeographicCoordinateSystem gcs) => gcs.AngularUnit.RadiansPerUnit * (180 / Math.PI);

    private static bool SameUnitAndMeridian(GeographicCoordinateSystem a, GeographicCoordinateSystem b) =>
        Math.Abs(a.AngularUnit.RadiansPerUnit - b.AngularUnit.RadiansPerUnit) < 1e-15
        && Math.Abs(a.PrimeMeridian.Longitude * a.PrimeMeridian.AngularUnit.RadiansPerUnit
                    - b.PrimeMeridian.Longitude * b.PrimeMeridian.AngularUnit.RadiansPerUnit) < 1e-15;

    private static GeographicCoordinateSystem GeographicOf(CoordinateSystem cs) => cs switch
    {
        GeographicCoordinateSystem g => g,
        ProjectedCoordinateSystem p => p.GeographicCoordinateSystem,
        _ => throw new NotSupportedException($"coordinate system '{cs.Name}' is neither geographic nor projected"),
    };
}
