using System.Buffers;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Geometry;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>Transforms arrays of points between two CRSs (x=east/longitude, y=north/latitude), in place.</summary>
public sealed class CoordinateTransform
{
    private readonly TransformSteps _steps;
    private readonly double? _targetCentralMeridian;
    private readonly double? _outputCentre;

    internal CoordinateTransform(CrsDefinition source, CrsDefinition target, TransformSteps steps)
    {
        Source = source;
        Target = target;
        _steps = steps;
        _targetCentralMeridian = steps.After.Length > 0 ? CentralMeridian(target.CoordinateSystem) : null;
    }

    private CoordinateTransform(CoordinateTransform inner, double outputCentre)
        : this(inner.Source, inner.Target, inner._steps) => _outputCentre = outputCentre;

    public CrsDefinition Source { get; }

    public CrsDefinition Target { get; }

    public bool IsIdentity => _steps.IsEmpty && _outputCentre is null;

    /// <summary>
    /// This transform with output longitudes wrapped into ±180° of <paramref name="longitude"/> (GDAL's CENTER_LONG), so a
    /// geographic raster stored at 0..360° is reached from targets that speak −180..180°.
    /// </summary>
    public CoordinateTransform WrappedAround(double longitude) => new(this, longitude);

    /// <summary>Points that cannot be transformed become NaN or infinity.</summary>
    public void Transform(Span<double> xs, Span<double> ys)
    {
        if (_steps.Datum is { } datum)
            TransformThroughDatum(datum, xs, ys);
        else
        {
            foreach (var step in _steps.Before)
                step.Transform(xs, ys);
        }
        var after = _steps.After;
        for (var i = 0; i < after.Length; i++)
        {
            if (i == after.Length - 1 && _targetCentralMeridian is { } centre)
                WrapLongitudes(xs, centre);
            after[i].Transform(xs, ys);
        }
        if (_outputCentre is { } outputCentre)
            WrapLongitudes(xs, outputCentre);
    }

    /// <summary>The steps up to the datum change; the operation of each point is chosen on its input coordinates, as PROJ does.</summary>
    private void TransformThroughDatum(DatumShift datum, Span<double> xs, Span<double> ys)
    {
        int[]? rented = null;
        try
        {
            Span<int> choices = [];
            if (datum.ChoosesOnInput)
            {
                rented = ArrayPool<int>.Shared.Rent(xs.Length);
                choices = rented.AsSpan(0, xs.Length);
                datum.Choose(xs, ys, choices);
            }
            foreach (var step in _steps.Before)
                step.Transform(xs, ys);
            datum.Apply(xs, ys, choices);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The extent, in the target CRS, of <paramref name="bounds"/>' edges densified to <paramref name="pointsPerEdge"/>
    /// points each (GDAL's way of transforming a box), from the points that transform; null when none does.
    /// </summary>
    public Bounds? TransformEdges(Bounds bounds, int pointsPerEdge = 21)
    {
        Span<double> xs = stackalloc double[pointsPerEdge * 4];
        Span<double> ys = stackalloc double[pointsPerEdge * 4];
        for (var i = 0; i < pointsPerEdge; i++)
        {
            var t = i / (double)(pointsPerEdge - 1);
            var x = bounds.MinX + t * bounds.Width;
            var y = bounds.MinY + t * bounds.Height;
            (xs[i], ys[i]) = (x, bounds.MinY);
            (xs[pointsPerEdge + i], ys[pointsPerEdge + i]) = (x, bounds.MaxY);
            (xs[2 * pointsPerEdge + i], ys[2 * pointsPerEdge + i]) = (bounds.MinX, y);
            (xs[3 * pointsPerEdge + i], ys[3 * pointsPerEdge + i]) = (bounds.MaxX, y);
        }
        Warp.SafeTransform.Apply(this, xs, ys); // a whole-world box touches the poles, where Mercator fails
        return Envelope.Of(xs, ys);
    }

    public (double X, double Y) Transform(double x, double y)
    {
        Span<double> xs = [x];
        Span<double> ys = [y];
        Transform(xs, ys);
        return (xs[0], ys[0]);
    }

    /// <summary>
    /// ProjNET's forward projections take longitude minus the central meridian without wrapping it, so a CRS centred
    /// near 180° (EPSG:3832, 9191) puts points across the antimeridian a whole turn away. PROJ wraps into ±180° of the
    /// central meridian; doing the same before the last (forward projection) step keeps those CRSs right.
    /// </summary>
    private static void WrapLongitudes(Span<double> longitudes, double centre)
    {
        for (var i = 0; i < longitudes.Length; i++)
        {
            var delta = longitudes[i] - centre;
            if (delta > 180 || delta < -180)
                longitudes[i] = centre + (delta - 360 * Math.Floor((delta + 180) / 360));
        }
    }

    private static double? CentralMeridian(CoordinateSystem target)
    {
        if (target is not ProjectedCoordinateSystem projected)
            return null;
        foreach (var name in (ReadOnlySpan<string>)["central_meridian", "longitude_of_center", "longitude_of_origin"])
        {
            var parameter = projected.Projection.GetParameter(name);
            if (parameter is not null && parameter.Value != 0)
                return parameter.Value;
        }
        return null;
    }
}

/// <summary>A transform's steps: ProjNET's up to the source's geographic CRS, the datum change, ProjNET's from the target's.</summary>
internal sealed record TransformSteps(MathTransform[] Before, DatumShift? Datum, MathTransform[] After)
{
    public static TransformSteps None { get; } = new([], null, []);

    public bool IsEmpty => Before.Length == 0 && Datum is null && After.Length == 0;
}
