using System.Buffers;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Runs a CRS transform over a batch of points so that points outside the projection's domain come back as NaN: some
/// ProjNET projections throw for a whole batch (e.g. Mercator at a pole), in which case the points are redone one by
/// one. Only batches containing such a point pay for it.
/// </summary>
internal static class SafeTransform
{
    public static void Apply(CoordinateTransform transform, Span<double> xs, Span<double> ys)
    {
        if (transform.IsIdentity)
            return;
        var x0 = ArrayPool<double>.Shared.Rent(xs.Length);
        var y0 = ArrayPool<double>.Shared.Rent(ys.Length);
        xs.CopyTo(x0);
        ys.CopyTo(y0);
        try
        {
            transform.Transform(xs, ys);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            for (var i = 0; i < xs.Length; i++)
                (xs[i], ys[i]) = PointOrNaN(transform, x0[i], y0[i]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(x0);
            ArrayPool<double>.Shared.Return(y0);
        }
    }

    private static (double X, double Y) PointOrNaN(CoordinateTransform transform, double x, double y)
    {
        try
        {
            return transform.Transform(x, y);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            return (double.NaN, double.NaN);
        }
    }
}
