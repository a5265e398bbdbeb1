using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>Transforms arrays of points between two CRSs (x=east/longitude, y=north/latitude), in place.</summary>
public sealed class CoordinateTransform
{
    private readonly MathTransform[] _steps;

    internal CoordinateTransform(CrsDefinition source, CrsDefinition target, MathTransform[] steps)
    {
        Source = source;
        Target = target;
        _steps = steps;
    }

    public CrsDefinition Source { get; }

    public CrsDefinition Target { get; }

    public bool IsIdentity => _steps.Length == 0;

    /// <summary>Points that cannot be transformed become NaN or infinity.</summary>
    public void Transform(Span<double> xs, Span<double> ys)
    {
        foreach (var step in _steps)
            step.Transform(xs, ys);
    }

    public (double X, double Y) Transform(double x, double y)
    {
        Span<double> xs = [x];
        Span<double> ys = [y];
        Transform(xs, ys);
        return (xs[0], ys[0]);
    }
}
