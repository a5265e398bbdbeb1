using OgcTiler.Abstractions.Raster;
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

    /// <param name="areaOfInterest">
    /// GDAL's area of interest (<see cref="AreaOfInterest"/>): each side chooses among the operations PROJ lists for
    /// that area, in that list's order (<see cref="OperationChoice"/>); null: among those for the CRS's area of use, as
    /// cs2cs without --bbox.
    /// </param>
    public static TransformSteps Build(CrsDefinition source, CrsDefinition target, Bounds? areaOfInterest = null)
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
        if (areaOfInterest is { } area && !Equals(sourceKey, targetKey))
        {
            sourceOps = ChosenFor(sourceOps, area);
            targetOps = ChosenFor(targetOps, area);
            if (sourceOps is null && targetOps is null)
                (sourceKey, targetKey) = (null, null);
        }
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

    private static DatumOperation[]? ChosenFor(DatumOperation[]? operations, Bounds area) =>
        operations is null ? null : OperationChoice.For(operations, area);

    /// <summary>
    /// GDALComputeAreaOfInterest: the box of a raster's corners (x, y in <paramref name="crs"/>) in the CRS's own
    /// geographic CRS, in degrees from its prime meridian as GDAL passes them; MinX &gt; MaxX when the upper corners run
    /// east to west across the antimeridian. Null when no corner transforms or the box leaves ±180°/±90°.
    /// </summary>
    /// <param name="xs">Upper left, upper right, lower left, lower right: overwritten.</param>
    public static Bounds? AreaOfInterest(CrsDefinition crs, Span<double> xs, Span<double> ys)
    {
        var geo = GeographicOf(crs.CoordinateSystem);
        if (crs.CoordinateSystem is ProjectedCoordinateSystem)
        {
            var inverse = Factory.CreateFromCoordinateSystems(crs.CoordinateSystem, geo).MathTransform;
            for (var i = 0; i < xs.Length; i++)
            {
                try
                {
                    inverse.Transform(xs.Slice(i, 1), ys.Slice(i, 1));
                }
                catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
                {
                    (xs[i], ys[i]) = (double.NaN, double.NaN);
                }
            }
        }
        var degrees = DegreesPerUnit(geo);
        double west = double.MaxValue, south = double.MaxValue, east = double.MinValue, north = double.MinValue;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            var (x, y) = (xs[i] * degrees, ys[i] * degrees);
            (west, south, east, north) = (Math.Min(west, x), Math.Min(south, y), Math.Max(east, x), Math.Max(north, y));
        }
        if (double.IsFinite(xs[0]) && double.IsFinite(xs[1]) && double.IsFinite(ys[0]) && double.IsFinite(ys[1]) && xs[0] > xs[1])
            (west, east) = (xs[0] * degrees, xs[1] * degrees);
        return Math.Abs(west) <= 180 && Math.Abs(east) <= 180 && Math.Abs(south) <= 90 && Math.Abs(north) <= 90
            ? new Bounds(west, south, east, north)
            : null;
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
