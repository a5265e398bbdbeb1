using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>Transforms arrays of points between two CRSs (x=east/longitude, y=north/latitude), in place.</summary>
public sealed class CoordinateTransform
{
    private readonly MathTransform? _transform;

    internal CoordinateTransform(CrsDefinition source, CrsDefinition target, MathTransform? transform)
    {
        Source = source;
        Target = target;
        _transform = transform;
    }

    public CrsDefinition Source { get; }

    public CrsDefinition Target { get; }

    public bool IsIdentity => _transform is null;

    /// <summary>Points that cannot be transformed become NaN.</summary>
    public void Transform(Span<double> xs, Span<double> ys)
    {
        if (_transform is null)
            return;
        _transform.Transform(xs, ys);
    }

    public (double X, double Y) Transform(double x, double y)
    {
        Span<double> xs = [x];
        Span<double> ys = [y];
        Transform(xs, ys);
        return (xs[0], ys[0]);
    }
}
