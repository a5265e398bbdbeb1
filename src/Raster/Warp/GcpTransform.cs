using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>A ground control point: a position in the image (pixel, line) and its coordinates in the raster's CRS.</summary>
internal readonly record struct Gcp(double Pixel, double Line, double X, double Y);

/// <summary>
/// The polynomial transform gdalwarp fits to a raster's ground control points (GDAL's GCP transformer): least-squares
/// polynomials of order 1 to 3 from pixels to CRS coordinates and, fitted separately, back, each in coordinates
/// centred on the points' means.
/// </summary>
internal sealed class GcpTransform
{
    private readonly IReadOnlyList<Gcp> _gcps;
    private readonly (double X, double Y) _pixelMean;
    private readonly (double X, double Y) _worldMean;
    private readonly double[] _toWorldX;
    private readonly double[] _toWorldY;
    private readonly double[] _toPixelX;
    private readonly double[] _toPixelY;

    private GcpTransform(IReadOnlyList<Gcp> gcps, int order, string uri)
    {
        _gcps = gcps;
        Order = order;
        _pixelMean = (gcps.Average(g => g.Pixel), gcps.Average(g => g.Line));
        _worldMean = (gcps.Average(g => g.X), gcps.Average(g => g.Y));
        var pixels = gcps.Select(g => (g.Pixel - _pixelMean.X, g.Line - _pixelMean.Y)).ToArray();
        var world = gcps.Select(g => (g.X - _worldMean.X, g.Y - _worldMean.Y)).ToArray();
        (_toWorldX, _toWorldY) = (LeastSquares(uri, pixels, gcps.Select(g => g.X).ToArray()), LeastSquares(uri, pixels, gcps.Select(g => g.Y).ToArray()));
        (_toPixelX, _toPixelY) = (LeastSquares(uri, world, gcps.Select(g => g.Pixel).ToArray()), LeastSquares(uri, world, gcps.Select(g => g.Line).ToArray()));
    }

    public int Order { get; }

    /// <summary>gdalwarp's default order: 2 from six points on, else 1 (it never picks 3, which is unstable).</summary>
    public static int DefaultOrder(int count) => count >= 6 ? 2 : 1;

    /// <summary>Fits the transform of <paramref name="order"/>; refused (422) with too few or degenerate points.</summary>
    public static GcpTransform Fit(string uri, IReadOnlyList<Gcp> gcps, int order)
    {
        var terms = Terms(order);
        if (gcps.Count < terms)
            throw new RasterFormatException(uri, $"{gcps.Count} ground control points cannot fit a polynomial of order {order} (at least {terms} needed)");
        return new GcpTransform(gcps, order, uri);
    }

    public (double X, double Y) PixelToWorld(double pixel, double line) =>
        Evaluate(_toWorldX, _toWorldY, pixel - _pixelMean.X, line - _pixelMean.Y);

    public (double Pixel, double Line) WorldToPixel(double x, double y) =>
        Evaluate(_toPixelX, _toPixelY, x - _worldMean.X, y - _worldMean.Y);

    /// <summary>The transform of an overview: the points' pixel positions divided by the level's decimation, refitted (as GDAL does).</summary>
    public GcpTransform Scaled(string uri, double ratioX, double ratioY) =>
        ratioX == 1 && ratioY == 1 ? this : new GcpTransform(_gcps.Select(g => g with { Pixel = g.Pixel / ratioX, Line = g.Line / ratioY }).ToList(), Order, uri);

    /// <summary>The affine geotransform of the order-1 fit, as rasterio's <c>from_gcps</c> gives it.</summary>
    public static GeoTransform AffineFit(string uri, IReadOnlyList<Gcp> gcps)
    {
        var fit = Fit(uri, gcps, 1);
        var (mx, my) = fit._pixelMean;
        var (ax, ay) = (fit._toWorldX, fit._toWorldY);
        return new GeoTransform(ax[0] - ax[1] * mx - ax[2] * my, ax[1], ax[2], ay[0] - ay[1] * mx - ay[2] * my, ay[1], ay[2]);
    }

    private static int Terms(int order) => (order + 1) * (order + 2) / 2;

    /// <summary>The terms 1, x, y, x², xy, y², x³, x²y, xy², y³ (as many as the order has) at one point.</summary>
    private static void Powers(double x, double y, Span<double> terms)
    {
        terms[0] = 1;
        var i = 1;
        for (var degree = 1; i < terms.Length; degree++)
        {
            for (var yPower = 0; yPower <= degree && i < terms.Length; yPower++)
                terms[i++] = Math.Pow(x, degree - yPower) * Math.Pow(y, yPower);
        }
    }

    private static (double, double) Evaluate(double[] cx, double[] cy, double x, double y)
    {
        Span<double> terms = stackalloc double[cx.Length];
        Powers(x, y, terms);
        double rx = 0, ry = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            rx += cx[i] * terms[i];
            ry += cy[i] * terms[i];
        }
        return (rx, ry);
    }

    /// <summary>Least squares through the normal equations, solved by Gauss–Jordan elimination.</summary>
    private double[] LeastSquares(string uri, (double X, double Y)[] from, double[] to)
    {
        var n = Terms(Order);
        var matrix = new double[n, n + 1];
        Span<double> terms = stackalloc double[n];
        for (var p = 0; p < from.Length; p++)
        {
            Powers(from[p].X, from[p].Y, terms);
            for (var r = 0; r < n; r++)
            {
                for (var c = 0; c < n; c++)
                    matrix[r, c] += terms[r] * terms[c];
                matrix[r, n] += terms[r] * to[p];
            }
        }
        // The normal matrix is symmetric positive definite, so elimination needs no pivoting; a pivot that keeps almost
        // nothing of its term's own sum of squares means that term depends on the others (collinear or repeated points).
        var ownSquares = new double[n];
        for (var r = 0; r < n; r++)
            ownSquares[r] = matrix[r, r];
        for (var col = 0; col < n; col++)
        {
            if (!(matrix[col, col] > 1e-10 * ownSquares[col]))
                throw new RasterFormatException(uri, $"the {from.Length} ground control points are degenerate (collinear or repeated) for a polynomial of order {Order}");
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                    continue;
                var factor = matrix[r, col] / matrix[col, col];
                for (var c = col; c <= n; c++)
                    matrix[r, c] -= factor * matrix[col, c];
            }
        }
        var coefficients = new double[n];
        for (var r = 0; r < n; r++)
            coefficients[r] = matrix[r, n] / matrix[r, r];
        return coefficients;
    }
}
