using System.Buffers;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>Reads a blocked raster into a target grid: overview choice, block planning, reprojection, resampling.</summary>
internal static class Warper
{
    /// <param name="requested">1-based band indexes in output order; null or empty: every band.</param>
    public static async Task<RasterData> ReadAsync(IBlockedRaster raster, TargetGrid grid, IReadOnlyList<int>? requested, ReadOptions options, CrsRegistry crs, CancellationToken cancellationToken)
    {
        var bands = SelectBands(raster, requested);
        var nodata = options.Nodata ?? raster.Nodata;
        var (result, masks) = await WarpAsync(raster, grid, bands, options, nodata, null, crs, cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.Unscale)
                Unscale(raster, bands, result);
            if (raster.AlphaBand >= 0 && masks != MaskUse.None)
            {
                if (nodata is null && raster.DataType == RasterDataType.UInt16)
                    await KeepWideAlphaAsync(raster, grid, options, masks, crs, result, cancellationToken).ConfigureAwait(false);
                else
                    SplitAlpha(result, keep: nodata is null);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    /// <param name="forced">How the blocks' masks count; null: as <see cref="MaskUseOf"/> says for this read.</param>
    private static async Task<(RasterData Result, MaskUse Masks)> WarpAsync(IBlockedRaster raster, TargetGrid grid, int[] bands, ReadOptions options, double? nodata,
        MaskUse? forced, CrsRegistry crs, CancellationToken cancellationToken)
    {
        var targetCrs = crs.Resolve(grid.Crs);
        var target = new GeoTransform(grid.MinX, grid.ResolutionX, 0, grid.MaxY, 0, -grid.ResolutionY);
        var sourceToTarget = crs.CreateTransform(raster.Crs, targetCrs, raster.AreaOfInterest);
        var toRaster = crs.CreateTransform(targetCrs, raster.Crs, raster.AreaOfInterest);
        var toSource = AroundSourceCentre(toRaster, raster.Levels[0], raster.Crs);
        var levelIndex = (grid.Overviews == OverviewRule.RasterIo ? WarpGeometry.RasterIoLevel(raster.Levels, sourceToTarget, grid, options.Resampling) : null)
            ?? WarpGeometry.ChooseLevel(raster.Levels, sourceToTarget, target.Inverse());
        var level = raster.Levels[levelIndex];
        var levelPixels = PixelLocator.Of(level);
        var warps = grid.Warped || !sourceToTarget.IsIdentity;
        var masks = forced ?? MaskUseOf(raster, nodata, warps);
        var rounding = SampleRounding.For(raster.DataType, rasterIo: !warps);
        var result = RasterData.Create(grid.Width, grid.Height, bands.Select(b => $"b{b + 1}").ToArray());
        try
        {
            var whole = new TargetRegion(0, 0, grid.Width, grid.Height);
            var wholeFootprint = WarpGeometry.FootprintOf(whole, target, toSource, levelPixels);
            Footprint FootprintOf(TargetRegion region) =>
                region == whole ? wholeFootprint : WarpGeometry.FootprintOf(region, target, toSource, levelPixels);
            var resampler = Resamplers.For(ChooseMethod(whole, wholeFootprint, options, level));
            var chunks = ChunkPlanner.Plan(whole, FootprintOf, resampler.Method, level.Width, level.Height);
            if (chunks.Count > 0)
                await WarpChunksAsync(raster, levelIndex, chunks, new ApproxTransformer(toSource, target, levelPixels), resampler, bands, nodata, masks, rounding, result, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return (result, masks);
    }

    /// <summary>
    /// How the blocks' masks (an internal mask or an alpha band) count, as rio-tiler reads them. With a nodata value (the
    /// read's or the file's) an internal mask never (GDAL's warper takes a mask band only without nodata and alpha;
    /// rasterio's masked read is replaced by <c>data == nodata</c>, reader.py <c>read</c>), an alpha band only when the
    /// read <paramref name="warps"/> (a reprojection, or <see cref="TargetGrid.Warped"/>), where rio-tiler's WarpedVRT
    /// gives GDAL's warper the source alpha beside the nodata. Without one, always: an alpha band read in the file's CRS
    /// (preview, bbox, feature, statistics, and tiles of a TileMatrixSet in that CRS) as GDAL's RasterIO resamples it
    /// (rio-tiler's read and part take no WarpedVRT there: dataset.read of the data bands and the alpha band with
    /// <c>out_shape</c> and <c>resampling</c>, through rasterio 1.3's plain VRT when boundless), otherwise as the warper
    /// carries it.
    /// </summary>
    private static MaskUse MaskUseOf(IBlockedRaster raster, double? nodata, bool warps)
    {
        var alpha = raster.AlphaBand >= 0;
        if (nodata is not null)
            return alpha && warps ? MaskUse.Warper : MaskUse.None;
        return alpha && !warps ? MaskUse.RasterIo : MaskUse.Warper;
    }

    /// <summary>
    /// The warped mask of an alpha source holds each pixel's alpha. Kept (no nodata value), it becomes
    /// <see cref="RasterData.Alpha"/> and the mask keeps only the opaque pixels valid (rio-tiler: <c>alpha != opaque</c>
    /// is masked); under a nodata value every drawn pixel is valid and no alpha is kept (rio-tiler's read of a WarpedVRT
    /// with nodata masks <c>data == nodata</c> alone and returns no alpha_mask).
    /// </summary>
    private static void SplitAlpha(RasterData result, bool keep)
    {
        var mask = result.Mask;
        var alpha = keep ? result.AddAlpha() : default;
        for (var i = 0; i < alpha.Length; i++)
            alpha[i] = mask[i];
        var opaque = keep ? 255 : 1;
        for (var i = 0; i < mask.Length; i++)
            mask[i] = mask[i] >= opaque ? (byte)255 : (byte)0;
    }

    /// <summary>
    /// A 16-bit alpha band keeps its values, as rio-tiler's alpha_mask holds the band in its own type (the blocks' masks
    /// scale it to 8 bits): the band is read again on its own as a data band, every pixel counted, resampled with the
    /// read's kernels under <see cref="MaskUse.RasterIo"/> (RasterIO resamples the alpha band like the others), else the
    /// value of the source pixel under each centre, as GDAL's warper writes a 16-bit source alpha (gdalwarp's
    /// SRC_ALPHA_MAX and DST_ALPHA_MAX of 65535). Only the opaque pixels (65535) stay valid.
    /// </summary>
    private static async Task KeepWideAlphaAsync(IBlockedRaster raster, TargetGrid grid, ReadOptions options, MaskUse masks, CrsRegistry crs, RasterData result,
        CancellationToken cancellationToken)
    {
        var kernels = masks == MaskUse.RasterIo ? options : options with { Resampling = ResamplingMethod.Nearest, Reproject = ResamplingMethod.Nearest };
        var (read, _) = await WarpAsync(raster, grid, [raster.AlphaBand], kernels, nodata: null, MaskUse.None, crs, cancellationToken).ConfigureAwait(false);
        using (read)
        {
            var values = read.Band(0);
            var alpha = result.AddAlpha(ushort.MaxValue);
            var mask = result.Mask;
            for (var i = 0; i < alpha.Length; i++)
            {
                alpha[i] = (ushort)values[i];
                mask[i] = alpha[i] == ushort.MaxValue ? (byte)255 : (byte)0;
            }
        }
    }

    /// <summary>
    /// GDAL's CENTER_LONG: a geographic raster that reaches past ±180° (e.g. stored at 0..360°) is addressed with
    /// longitudes wrapped around its own centre, so targets in −180..180° find all of it.
    /// </summary>
    private static CoordinateTransform AroundSourceCentre(CoordinateTransform toSource, RasterLevel full, CrsDefinition sourceCrs)
    {
        if (!sourceCrs.IsGeographic)
            return toSource;
        var (left, _) = full.PixelToWorld(0, 0);
        var (right, _) = full.PixelToWorld(full.Width, full.Height);
        var (west, east) = (Math.Min(left, right), Math.Max(left, right));
        return west >= -180 && east <= 180 ? toSource : toSource.WrappedAround((west + east) / 2);
    }

    /// <summary>The warp kernel, or the decimation kernel when the target is coarser than the chosen level.</summary>
    private static ResamplingMethod ChooseMethod(TargetRegion whole, Footprint footprint, ReadOptions options, RasterLevel level)
    {
        if (!footprint.IsKnown)
            return options.Reproject;
        var (chunk, _) = ChunkPlanner.Window(whole, footprint, options.Reproject, level.Width, level.Height);
        return chunk.Scale.IsDownsampling ? options.Resampling : options.Reproject;
    }

    private static async Task WarpChunksAsync(IBlockedRaster raster, int levelIndex, List<WarpChunk> chunks, ApproxTransformer transformer, IResampler resampler,
        int[] bands, double? nodata, MaskUse masks, SampleRounding rounding, RasterData result, CancellationToken cancellationToken)
    {
        var level = raster.Levels[levelIndex];
        var window = Union(chunks);
        var indexes = BlockPlanner.Plan(level, window);
        var blocks = await raster.ReadBlocksAsync(levelIndex, indexes, cancellationToken).ConfigureAwait(false);
        using var pixels = SourcePixels.Assemble(level, window, indexes, blocks, bands, nodata, masks, rounding);
        var count = result.PixelCount;
        var corners = resampler.MapsCorners;
        var xs = ArrayPool<double>.Shared.Rent(count);
        var ys = ArrayPool<double>.Shared.Rent(count);
        var farXs = corners ? ArrayPool<double>.Shared.Rent(count) : [];
        var farYs = corners ? ArrayPool<double>.Shared.Rent(count) : [];
        try
        {
            foreach (var chunk in chunks)
            {
                Span<double> x = xs.AsSpan(0, count), y = ys.AsSpan(0, count);
                if (corners)
                {
                    transformer.Transform(chunk.Region, result.Width, x, y, offset: 0);
                    transformer.Transform(chunk.Region, result.Width, farXs.AsSpan(0, count), farYs.AsSpan(0, count), offset: 1);
                }
                else
                {
                    transformer.Transform(chunk.Region, result.Width, x, y);
                    transformer.RetransformNearEdges(chunk.Region, result.Width, pixels.Window, x, y);
                }
                var at = new SourcePositions(x, y, farXs.AsSpan(0, corners ? count : 0), farYs.AsSpan(0, corners ? count : 0));
                resampler.Resample(pixels, at, chunk.Scale, chunk.Region, result);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(xs);
            ArrayPool<double>.Shared.Return(ys);
            if (corners)
            {
                ArrayPool<double>.Shared.Return(farXs);
                ArrayPool<double>.Shared.Return(farYs);
            }
        }
    }

    private static SourceWindow Union(List<WarpChunk> chunks)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var chunk in chunks)
        {
            x0 = Math.Min(x0, chunk.Window.X);
            y0 = Math.Min(y0, chunk.Window.Y);
            x1 = Math.Max(x1, chunk.Window.Right);
            y1 = Math.Max(y1, chunk.Window.Bottom);
        }
        return new SourceWindow(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>0-based band indexes to read, in output order; every band when none are asked for.</summary>
    private static int[] SelectBands(IBlockedRaster raster, IReadOnlyList<int>? requested)
    {
        if (requested is not { Count: > 0 })
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
