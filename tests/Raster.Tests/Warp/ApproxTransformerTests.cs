using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class ApproxTransformerTests
{
    private static readonly CrsRegistry Crs = CrsRegistry.Default;

    /// <summary>A WebMercatorQuad z6 tile over northern France onto a 100 m UTM 31N grid: strongly curved rows.</summary>
    private static (ApproxTransformer Approx, CoordinateTransform Exact, GeoTransform Target, GeoTransform SourceInverse) Setup()
    {
        var exact = Crs.CreateTransform(Crs.Resolve("EPSG:3857"), Crs.Resolve("EPSG:32631"));
        const double span = 2 * 20037508.342789244 / 64;
        var target = new GeoTransform(-20037508.342789244 + 32 * span, span / 256, 0, 20037508.342789244 - 21 * span, 0, -span / 256);
        var sourceInverse = new GeoTransform(0, 100, 0, 6000000, 0, -100).Inverse();
        return (new ApproxTransformer(exact, target, PixelLocator.Affine(sourceInverse)), exact, target, sourceInverse);
    }

    [Fact]
    public void Transform_StaysWithinTheErrorThresholdOfTheExactTransform()
    {
        var (approx, exact, target, inverse) = Setup();
        var xs = new double[256 * 256];
        var ys = new double[256 * 256];
        approx.Transform(new TargetRegion(0, 0, 256, 256), 256, xs, ys);
        var worst = 0.0;
        for (var row = 0; row < 256; row += 5)
        {
            for (var col = 0; col < 256; col++)
            {
                var (wx, wy) = target.PixelToWorld(col + 0.5, row + 0.5);
                var (sx, sy) = exact.Transform(wx, wy);
                var (px, py) = inverse.PixelToWorld(sx, sy);
                worst = Math.Max(worst, Math.Abs(px - xs[row * 256 + col]) + Math.Abs(py - ys[row * 256 + col]));
            }
        }
        // The check is made at each segment's middle (as GDAL does); between checks the error may exceed it a little.
        Assert.InRange(worst, 0, 2 * ApproxTransformer.MaxError);
        Assert.True(worst > 1e-6, "the rows are curved enough that interpolation is visible");
    }

    [Fact]
    public void Transform_OfARegion_WritesOnlyThatRegion()
    {
        var (approx, _, _, _) = Setup();
        var xs = Enumerable.Repeat(-1.0, 64 * 64).ToArray();
        var ys = Enumerable.Repeat(-1.0, 64 * 64).ToArray();
        approx.Transform(new TargetRegion(16, 8, 32, 4), 64, xs, ys);
        for (var i = 0; i < xs.Length; i++)
        {
            var (row, col) = Math.DivRem(i, 64);
            var inside = row >= 8 && row < 12 && col >= 16 && col < 48;
            Assert.Equal(inside, xs[i] != -1.0);
        }
    }

    [Fact]
    public void Transform_WithinOneCrs_IsTheAffineMapping()
    {
        var utm = Crs.Resolve("EPSG:32631");
        var target = new GeoTransform(500000, 7, 0, 5000000, 0, -7);
        var approx = new ApproxTransformer(Crs.CreateTransform(utm, utm), target, PixelLocator.Affine(new GeoTransform(499000, 10, 0, 5001000, 0, -10).Inverse()));
        var xs = new double[100 * 3];
        var ys = new double[100 * 3];
        approx.Transform(new TargetRegion(0, 0, 100, 3), 100, xs, ys);
        Assert.Equal(100 + 0.35, xs[0], 9);
        Assert.Equal(100 + 0.35 + 99 * 0.7, xs[99], 9);
        Assert.Equal(100 + 2.5 * 0.7, ys[200], 9);
    }
}
