using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// Builds the steps between two CRSs: inverse projection, datum change, forward projection. Like PROJ, a datum change
/// is a Helmert shift (through ProjNET's geocentric path) only when both datums have a known, non-zero TOWGS84
/// between them; otherwise latitude/longitude are carried over unchanged ("ballpark"), so WGS84 ↔ ETRS89/NAD83/GDA
/// does not pick up the millimetre-level shift of an ellipsoid change through geocentric coordinates.
/// </summary>
internal static class TransformBuilder
{
    private static readonly CoordinateTransformationFactory Factory = new();
    private static readonly CoordinateSystemFactory CsFactory = new();

    public static MathTransform[] Build(CoordinateSystem source, CoordinateSystem target)
    {
        var steps = new List<MathTransform>(3);
        var sourceGeo = GeographicOf(source);
        var targetGeo = GeographicOf(target);
        if (source is ProjectedCoordinateSystem)
            steps.Add(Factory.CreateFromCoordinateSystems(source, sourceGeo).MathTransform);
        AddDatumStep(steps, sourceGeo, targetGeo);
        if (target is ProjectedCoordinateSystem)
            steps.Add(Factory.CreateFromCoordinateSystems(targetGeo, target).MathTransform);
        return [.. steps];
    }

    private static void AddDatumStep(List<MathTransform> steps, GeographicCoordinateSystem source, GeographicCoordinateSystem target)
    {
        if (NeedsHelmert(source.HorizontalDatum, target.HorizontalDatum))
        {
            steps.Add(Factory.CreateFromCoordinateSystems(WithToWgs84(source), WithToWgs84(target)).MathTransform);
            return;
        }
        if (SameUnitAndMeridian(source, target))
            return;
        // ballpark: keep the source datum so ProjNET only converts the prime meridian and angular unit
        var sameDatum = CsFactory.CreateGeographicCoordinateSystem(target.Name, target.AngularUnit, source.HorizontalDatum,
            target.PrimeMeridian, target.GetAxis(0), target.GetAxis(1));
        steps.Add(Factory.CreateFromCoordinateSystems(source, sameDatum).MathTransform);
    }

    private static bool NeedsHelmert(HorizontalDatum a, HorizontalDatum b)
    {
        var pa = ToWgs84(a);
        var pb = ToWgs84(b);
        return pa is not null && pb is not null && !(pa.HasZeroValuesOnly && pb.HasZeroValuesOnly) && !pa.Equals(pb);
    }

    private static Wgs84ConversionInfo? ToWgs84(HorizontalDatum datum) =>
        datum.Wgs84Parameters ?? (IsWgs84(datum) ? new Wgs84ConversionInfo() : null);

    private static bool IsWgs84(HorizontalDatum datum) =>
        datum.Name is "WGS_1984" or "World Geodetic System 1984" or "WGS84"
        && Math.Abs(datum.Ellipsoid.SemiMajorAxis - 6378137) < 1e-6
        && Math.Abs(datum.Ellipsoid.InverseFlattening - 298.257223563) < 1e-9;

    private static GeographicCoordinateSystem WithToWgs84(GeographicCoordinateSystem gcs)
    {
        var datum = gcs.HorizontalDatum;
        if (datum.Wgs84Parameters is not null)
            return gcs;
        var withParameters = CsFactory.CreateHorizontalDatum(datum.Name, datum.DatumType, datum.Ellipsoid, new Wgs84ConversionInfo());
        return CsFactory.CreateGeographicCoordinateSystem(gcs.Name, gcs.AngularUnit, withParameters, gcs.PrimeMeridian, gcs.GetAxis(0), gcs.GetAxis(1));
    }

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
