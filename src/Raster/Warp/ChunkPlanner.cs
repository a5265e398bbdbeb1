using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Splits the target the way gdalwarp does before warping (GDALWarpOperation::CollectChunkListInternal): a region
/// whose source window is mostly outside the level (fill ratio below 0.5) and more than 100 pixels on a side is halved
/// along its longer side, recursively. Each chunk keeps GDAL's source window and kernel scale, which decide where the
/// approximate transformer's rows start and end and how much bilinear/cubic kernels stretch. Pure arithmetic given
/// the outline mapping.
/// </summary>
internal static class ChunkPlanner
{
    private const double MinFillRatio = 0.5;
    private const int MinSplitSize = 100;

    /// <summary>Extra source pixels GDAL adds around a window whose outline partly failed to transform.</summary>
    private const int FailureMargin = 10;

    public static List<WarpChunk> Plan(TargetRegion whole, Func<TargetRegion, Footprint> footprintOf, ResamplingMethod method, int levelWidth, int levelHeight)
    {
        var chunks = new List<WarpChunk>();
        Collect(whole, footprintOf, method, levelWidth, levelHeight, chunks);
        return chunks;
    }

    private static void Collect(TargetRegion region, Func<TargetRegion, Footprint> footprintOf, ResamplingMethod method, int levelWidth, int levelHeight, List<WarpChunk> chunks)
    {
        var footprint = footprintOf(region);
        if (!footprint.IsKnown)
            return;
        var (chunk, fillRatio) = Window(region, footprint, method, levelWidth, levelHeight);
        if (fillRatio > 0 && fillRatio < MinFillRatio && (region.Width > MinSplitSize || region.Height > MinSplitSize))
        {
            if (region.Width > region.Height)
            {
                var half = region.Width / 2;
                Collect(region with { Width = half }, footprintOf, method, levelWidth, levelHeight, chunks);
                Collect(region with { X = region.X + half, Width = region.Width - half }, footprintOf, method, levelWidth, levelHeight, chunks);
            }
            else
            {
                var half = region.Height / 2;
                Collect(region with { Height = half }, footprintOf, method, levelWidth, levelHeight, chunks);
                Collect(region with { Y = region.Y + half, Height = region.Height - half }, footprintOf, method, levelWidth, levelHeight, chunks);
            }
            return;
        }
        if (!chunk.Window.IsEmpty)
            chunks.Add(chunk);
    }

    /// <summary>GDAL's ComputeSourceWindow: the clamped window, the kernel scale and the fill ratio.</summary>
    internal static (WarpChunk Chunk, double FillRatio) Window(TargetRegion region, Footprint f, ResamplingMethod method, int levelWidth, int levelHeight)
    {
        if (f.MinX > levelWidth || f.MaxX < 0 || f.MinY > levelHeight || f.MaxY < 0)
            return (new WarpChunk(region, default, KernelScale.One), 0);
        var (minX, minY, maxX, maxY) = (RoundIfClose(f.MinX), RoundIfClose(f.MinY), RoundIfClose(f.MaxX), RoundIfClose(f.MaxY));
        var baseRadius = method switch { ResamplingMethod.Bilinear => 1, ResamplingMethod.Cubic => 2, ResamplingMethod.Average => 1, _ => 0 };
        var xRadius = Radius(baseRadius, region.Width / (maxX - minX)) + (f.HadFailures ? FailureMargin : 0);
        var yRadius = Radius(baseRadius, region.Height / (maxY - minY)) + (f.HadFailures ? FailureMargin : 0);
        var (x, width, rawWidth) = Axis(minX, maxX, xRadius, levelWidth);
        var (y, height, rawHeight) = Axis(minY, maxY, yRadius, levelHeight);
        var window = width > 0 && height > 0 ? new SourceWindow(x, y, width, height) : default;
        var scale = new KernelScale(
            KernelScale.Axis(region.Width, width, rawWidth),
            KernelScale.Axis(region.Height, height, rawHeight));
        var fill = (double)width * height / Math.Max(1.0, (maxX - minX + 2 * xRadius) * (maxY - minY + 2 * yRadius));
        return (new WarpChunk(region, window, scale), fill);
    }

    private static int Radius(int baseRadius, double scale) =>
        scale < 0.95 ? (int)Math.Ceiling(baseRadius / Math.Max(1e-3, scale)) : baseRadius;

    /// <summary>Window offset and size along one axis, and the footprint's extent inside the level (GDAL's raw size).</summary>
    private static (int Offset, int Size, double Raw) Axis(double min, double max, int radius, int levelSize)
    {
        var minClamped = (int)Math.Max(0, min);
        var maxClamped = (int)Math.Min(Math.Ceiling(max), levelSize);
        var raw = Math.Max(0, Math.Min(levelSize - minClamped, max - min));
        // Covering more than 90 % of the level, GDAL takes all of it (helps across the antimeridian).
        if (maxClamped - minClamped > 0.9 * levelSize)
            return (0, levelSize, raw);
        var offset = Math.Max(0, Math.Min(minClamped - radius, levelSize));
        var size = Math.Max(0, Math.Min(levelSize - offset, maxClamped - offset + radius));
        return (offset, size, raw);
    }

    private static double RoundIfClose(double value)
    {
        var rounded = Math.Round(value);
        return Math.Abs(rounded - value) < 1e-6 ? rounded : value;
    }
}
