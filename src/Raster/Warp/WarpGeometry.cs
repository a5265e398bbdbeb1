using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>Outline-based measures between a source and a target grid: GDAL's overview ratio and kernel scale.</summary>
internal static class WarpGeometry
{
    /// <summary>GDAL samples each edge of a grid at this many points (SAMPLE_STEPS + 1).</summary>
    private const int EdgeSamples = 21;

    /// <summary>The level gdalwarp would warp from (overview level AUTO).</summary>
    public static int ChooseLevel(IReadOnlyList<RasterLevel> levels, CoordinateTransform sourceToTarget, GeoTransform targetInverse)
    {
        var full = levels[0];
        var (xs, ys) = Outline(full.Width, full.Height);
        MapPoints(xs, ys, full.Transform, sourceToTarget, targetInverse);
        // The first sample is the top-left corner and the last the bottom-right one (GDALSuggestedWarpOutput2's order).
        var last = xs.Length - 1;
        var ratio = double.IsFinite(xs[0]) && double.IsFinite(ys[0]) && double.IsFinite(xs[last]) && double.IsFinite(ys[last])
                    && xs[0] != xs[last] && ys[0] != ys[last]
            ? OverviewSelector.TargetRatio(full.Width, full.Height, (xs[0], ys[0]), (xs[last], ys[last]))
            : BoundsRatio(full, xs, ys);
        return OverviewSelector.ChooseLevel(levels, ratio);
    }

    /// <summary>The bounding box, in <paramref name="level"/> pixels, of the target grid's outline.</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY) Footprint(int width, int height, GeoTransform target, CoordinateTransform targetToSource, GeoTransform levelInverse)
    {
        var (xs, ys) = Outline(width, height);
        MapPoints(xs, ys, target, targetToSource, levelInverse);
        return Bounds(xs, ys);
    }

    private static double BoundsRatio(RasterLevel full, double[] xs, double[] ys)
    {
        var (minX, minY, maxX, maxY) = Bounds(xs, ys);
        return OverviewSelector.TargetRatio(full.Width, full.Height, (minX, minY), (maxX, maxY));
    }

    /// <summary>Pixel-corner points along the four edges, interleaved top, bottom, left, right per step like GDAL.</summary>
    private static (double[] Xs, double[] Ys) Outline(int width, int height)
    {
        var xs = new double[EdgeSamples * 4];
        var ys = new double[EdgeSamples * 4];
        for (var i = 0; i < EdgeSamples; i++)
        {
            var r = (double)i / (EdgeSamples - 1);
            (xs[4 * i], ys[4 * i]) = (r * width, 0);
            (xs[4 * i + 1], ys[4 * i + 1]) = (r * width, height);
            (xs[4 * i + 2], ys[4 * i + 2]) = (0, r * height);
            (xs[4 * i + 3], ys[4 * i + 3]) = (width, r * height);
        }
        return (xs, ys);
    }

    /// <summary>Pixels of one grid → its CRS → the other CRS → pixels of the other grid; failures become NaN.</summary>
    private static void MapPoints(double[] xs, double[] ys, GeoTransform from, CoordinateTransform transform, GeoTransform toInverse)
    {
        for (var i = 0; i < xs.Length; i++)
            (xs[i], ys[i]) = from.PixelToWorld(xs[i], ys[i]);
        transform.Transform(xs, ys);
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
                (xs[i], ys[i]) = toInverse.PixelToWorld(xs[i], ys[i]);
            else
                (xs[i], ys[i]) = (double.NaN, double.NaN);
        }
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds(double[] xs, double[] ys)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsNaN(xs[i]))
                continue;
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }
        return (minX, minY, maxX, maxY);
    }
}
