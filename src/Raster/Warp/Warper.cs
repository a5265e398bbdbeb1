using System.Buffers;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>Reads a blocked raster into a target grid: overview choice, block planning, reprojection, resampling.</summary>
internal static class Warper
{
    public static async Task<RasterData> ReadAsync(IBlockedRaster raster, TargetGrid grid, ReadOptions options, CrsRegistry crs, CancellationToken cancellationToken)
    {
        var bands = SelectBands(raster, options);
        var targetCrs = crs.Resolve(grid.Crs);
        var target = new GeoTransform(grid.MinX, grid.ResolutionX, 0, grid.MaxY, 0, -grid.ResolutionY);
        var toSource = crs.CreateTransform(targetCrs, raster.Crs);
        var levelIndex = WarpGeometry.ChooseLevel(raster.Levels, crs.CreateTransform(raster.Crs, targetCrs), target.Inverse());
        var level = raster.Levels[levelIndex];
        var levelInverse = level.Transform.Inverse();
        var result = RasterData.Create(grid.Width, grid.Height, bands.Select(b => $"b{b + 1}").ToArray());
        var count = grid.Width * grid.Height;
        var xs = ArrayPool<double>.Shared.Rent(count);
        var ys = ArrayPool<double>.Shared.Rent(count);
        try
        {
            new ApproxTransformer(toSource, target, levelInverse).Transform(grid.Width, grid.Height, xs.AsSpan(0, count), ys.AsSpan(0, count));
            var (minX, minY, maxX, maxY) = WarpGeometry.Footprint(grid.Width, grid.Height, target, toSource, levelInverse);
            var scale = KernelScale.FromFootprint(minX, minY, maxX, maxY, grid.Width, grid.Height, level.Width, level.Height);
            var resampler = Resamplers.For(scale.IsDownsampling ? options.Resampling : options.Reproject);
            var window = WindowOf(xs.AsSpan(0, count), ys.AsSpan(0, count), Resamplers.Radius(resampler.Method, scale), level);
            if (window.IsEmpty)
                return result;
            var indexes = BlockPlanner.Plan(level, window);
            var blocks = await raster.ReadBlocksAsync(levelIndex, indexes, cancellationToken).ConfigureAwait(false);
            using var pixels = SourcePixels.Assemble(level, window, indexes, blocks, bands, options.Nodata ?? raster.Nodata);
            resampler.Resample(pixels, xs.AsSpan(0, count), ys.AsSpan(0, count), scale, result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(xs);
            ArrayPool<double>.Shared.Return(ys);
        }
        if (options.Unscale)
            Unscale(raster, bands, result);
        return result;
    }

    /// <summary>0-based band indexes to read, in output order; every band when none are asked for.</summary>
    private static int[] SelectBands(IBlockedRaster raster, ReadOptions options)
    {
        if (options.Bands is not { Count: > 0 } requested)
            return Enumerable.Range(0, raster.BandCount).ToArray();
        var bands = new int[requested.Count];
        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i] < 1 || requested[i] > raster.BandCount)
                throw new InvalidParameterException("bidx", $"band {requested[i]} does not exist in {raster.Uri}: it has bands 1..{raster.BandCount}");
            bands[i] = requested[i] - 1;
        }
        return bands;
    }

    /// <summary>The level pixels the samples fall on, widened by the kernel radius and clipped to the level.</summary>
    private static SourceWindow WindowOf(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int radius, RasterLevel level)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            var y = ys[i];
            // Only samples that can touch the level matter; NaN fails every comparison and is skipped.
            if (!(x > -radius - 1 && x < level.Width + radius + 1 && y > -radius - 1 && y < level.Height + radius + 1))
                continue;
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }
        return SourceWindow.Covering(minX, minY, maxX, maxY, radius, level.Width, level.Height);
    }

    private static void Unscale(IBlockedRaster raster, int[] bands, RasterData result)
    {
        var mask = result.Mask;
        for (var b = 0; b < bands.Length; b++)
        {
            var (scale, offset) = raster.GetBandScaling(bands[b]);
            if (scale == 1 && offset == 0)
                continue;
            var values = result.Band(b);
            for (var i = 0; i < values.Length; i++)
            {
                if (mask[i] != 0)
                    values[i] = (float)(values[i] * scale + offset);
            }
        }
    }
}
