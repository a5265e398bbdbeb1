using OgcTiler.Abstractions.Raster;
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
        MapPoints(xs, ys, full.PixelToWorld, sourceToTarget, PixelLocator.Affine(targetInverse));
        // The first sample is the top-left corner and the last the bottom-right one (GDALSuggestedWarpOutput2's order).
        var last = xs.Length - 1;
        var ratio = double.IsFinite(xs[0]) && double.IsFinite(ys[0]) && double.IsFinite(xs[last]) && double.IsFinite(ys[last])
                    && xs[0] != xs[last] && ys[0] != ys[last]
            ? OverviewSelector.TargetRatio(full.Width, full.Height, (xs[0], ys[0]), (xs[last], ys[last]))
            : BoundsRatio(full, xs, ys);
        return OverviewSelector.ChooseLevel(levels, ratio);
    }

    /// <summary>
    /// The level GDAL's RasterIO reads from when rio-tiler reads the grid's area at the grid's size: the request is the
    /// area in pixels of the source's resolution (in another CRS the square pixels of GDAL's suggested warp output, its
    /// WarpedVRT's), and the coarsest overview less than 1.2 times (nearest; otherwise 1.01 times) as decimated as the
    /// request along the less reduced axis is taken (GDALBandGetBestOverviewLevel2, GDAL 3.9 and later). Null when the
    /// source's corners cannot be transformed.
    /// </summary>
    public static int? RasterIoLevel(IReadOnlyList<RasterLevel> levels, CoordinateTransform sourceToTarget, TargetGrid grid, ResamplingMethod resampling)
    {
        var full = levels[0];
        var (resX, resY) = NativeResolution(full, sourceToTarget);
        if (!(resX > 0 && resY > 0))
            return null;
        var requestWidth = Math.Max(1, Math.Round((grid.MaxX - grid.MinX) / resX));
        var requestHeight = Math.Max(1, Math.Round((grid.MaxY - grid.MinY) / resY));
        var desired = Math.Min(requestWidth / grid.Width, requestHeight / grid.Height);
        var threshold = resampling == ResamplingMethod.Nearest ? 1.2 : 1.01;
        var (best, bestFactor) = (0, 0.0);
        for (var i = 1; i < levels.Count; i++)
        {
            var factor = Math.Min((double)full.Width / levels[i].Width, (double)full.Height / levels[i].Height);
            if (factor < desired * threshold && factor > bestFactor)
                (best, bestFactor) = (i, factor);
        }
        return best;
    }

    /// <summary>The source's pixel size in the target CRS: its own in its CRS; in another, GDAL's suggested warp output's square pixel.</summary>
    private static (double X, double Y) NativeResolution(RasterLevel full, CoordinateTransform sourceToTarget)
    {
        if (sourceToTarget.Source.Id == sourceToTarget.Target.Id && full.Gcps is null)
            return (Math.Abs(full.Transform.Dx), Math.Abs(full.Transform.Dy));
        var size = SuggestedWarp.SquarePixel(sourceToTarget, full.PixelToWorld(0, 0), full.PixelToWorld(full.Width, full.Height), full.Width, full.Height);
        return (size, size);
    }

    /// <summary>
    /// Where the outline of a target region falls in the level, as GDAL's ComputeSourceWindow samples it: 21 points per
    /// edge, or a 23×23 grid when some edge points fail to transform. Unknown when almost none transform. When the
    /// interior escapes the outline's box (a pole or a cut inside the region), the grid is added so the window covers it.
    /// </summary>
    public static Footprint FootprintOf(TargetRegion region, GeoTransform target, CoordinateTransform targetToSource, PixelLocator level)
    {
        var (xs, ys) = Outline(region.Width, region.Height);
        Offset(xs, ys, region);
        MapPoints(xs, ys, target.PixelToWorld, targetToSource, level);
        if (xs.Any(double.IsNaN) || !InteriorInside(Bounds(xs, ys), region, target, targetToSource, level))
        {
            var (gx, gy) = Grid(region.Width, region.Height);
            Offset(gx, gy, region);
            MapPoints(gx, gy, target.PixelToWorld, targetToSource, level);
            if (gx.Count(double.IsNaN) > gx.Length - 5)
                return Footprint.None;
            var edge = xs.Any(double.IsNaN) ? (xs: Array.Empty<double>(), ys: Array.Empty<double>()) : (xs, ys);
            var (minX, minY, maxX, maxY) = Bounds([.. edge.xs, .. gx], [.. edge.ys, .. gy]);
            return new Footprint(minX, minY, maxX, maxY, true);
        }
        var box = Bounds(xs, ys);
        return new Footprint(box.MinX, box.MinY, box.MaxX, box.MaxY, false);
    }

    /// <summary>Whether a coarse interior grid maps inside the outline's box (one pixel of slack): true for ordinary grids.</summary>
    private static bool InteriorInside((double MinX, double MinY, double MaxX, double MaxY) box, TargetRegion region, GeoTransform target, CoordinateTransform targetToSource, PixelLocator level)
    {
        const int steps = 5;
        var xs = new double[steps * steps];
        var ys = new double[steps * steps];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = region.X + (i % steps + 1) * region.Width / (steps + 1.0);
            ys[i] = region.Y + (i / steps + 1) * region.Height / (steps + 1.0);
        }
        MapPoints(xs, ys, target.PixelToWorld, targetToSource, level);
        for (var i = 0; i < xs.Length; i++)
        {
            if (!(xs[i] >= box.MinX - 1 && xs[i] <= box.MaxX + 1 && ys[i] >= box.MinY - 1 && ys[i] <= box.MaxY + 1))
                return false;
        }
        return true;
    }

    private static void Offset(double[] xs, double[] ys, TargetRegion region)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] += region.X;
            ys[i] += region.Y;
        }
    }

    /// <summary>GDAL's fallback sampling: the step positions plus half a pixel in from each edge, on both axes.</summary>
    private static (double[] Xs, double[] Ys) Grid(int width, int height)
    {
        var steps = EdgeSamples + 2;
        var xs = new double[steps * steps];
        var ys = new double[steps * steps];
        for (var iy = 0; iy < steps; iy++)
        {
            for (var ix = 0; ix < steps; ix++)
            {
                xs[iy * steps + ix] = GridRatio(ix, width) * width;
                ys[iy * steps + ix] = GridRatio(iy, height) * height;
            }
        }
        return (xs, ys);
    }

    private static double GridRatio(int i, int size) =>
        i == 0 ? 0.5 / size : i <= EdgeSamples ? (i - 1) / (double)(EdgeSamples - 1) : 1 - 0.5 / size;

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
    private static void MapPoints(double[] xs, double[] ys, Func<double, double, (double, double)> fromPixels, CoordinateTransform transform, PixelLocator to)
    {
        for (var i = 0; i < xs.Length; i++)
            (xs[i], ys[i]) = fromPixels(xs[i], ys[i]);
        SafeTransform.Apply(transform, xs, ys);
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
                (xs[i], ys[i]) = to.Locate(xs[i], ys[i]);
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
