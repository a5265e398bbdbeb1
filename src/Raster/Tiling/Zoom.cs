using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tiling;

/// <summary>Zoom choice for a resolution or a dataset, following morecantile's zoom_for_res and rio-tiler's min/max zoom.</summary>
internal static class Zoom
{
    private const double SameResolution = 1e-8;

    public static TileMatrix ForResolution(IReadOnlyList<TileMatrix> matrices, double resolution, ZoomStrategy strategy)
    {
        if (!(resolution > 0) || double.IsInfinity(resolution))
            throw new InvalidParameterException("resolution", $"resolution must be a positive number, got {resolution}");
        // the first matrix at least as fine as the resolution
        var i = 0;
        while (i < matrices.Count - 1 && !(resolution > matrices[i].CellSize || Same(resolution, matrices[i].CellSize)))
            i++;
        var matrix = matrices[i];
        if (i == 0 || Same(resolution, matrix.CellSize) || resolution < matrix.CellSize)
            return matrix;
        var coarser = matrices[i - 1];
        return strategy switch
        {
            ZoomStrategy.Lower => coarser,
            ZoomStrategy.Upper => matrix,
            _ => coarser.CellSize / resolution < resolution / matrix.CellSize ? coarser : matrix,
        };
    }

    public static (TileMatrix Min, TileMatrix Max) Range(TileMatrixSet tms, CrsDefinition datasetCrs, Bounds nativeBounds, int width, int height, CrsRegistry crs, AreaOfInterest? area)
    {
        var (resolution, warpedWidth, warpedHeight) = SuggestedWarp(crs.CreateTransform(datasetCrs, tms.Crs, area), nativeBounds, width, height);
        var tileSize = tms.Matrices[0].TileWidth;
        var factor = 1;
        while (Math.Min(warpedWidth / factor, warpedHeight / factor) > tileSize)
            factor *= 2;
        var max = ForResolution(tms.Matrices, resolution, ZoomStrategy.Auto);
        var min = ForResolution(tms.Matrices, resolution * factor, ZoomStrategy.Auto);
        return (min, max);
    }

    /// <summary>
    /// GDAL's suggested warp output: transform points along the dataset's edges, take their extent, and keep the
    /// pixel count along the diagonal. Returns square pixels and the warped size.
    /// </summary>
    internal static (double Resolution, int Width, int Height) SuggestedWarp(CoordinateTransform transform, Bounds bounds, int width, int height)
    {
        if (transform.TransformEdges(bounds) is not { } box)
            throw new InvalidParameterException("crs", $"the dataset bounds cannot be transformed from {transform.Source.Id} to {transform.Target.Id}");
        var (minX, minY, maxX, maxY) = (box.MinX, box.MinY, box.MaxX, box.MaxY);
        var resolution = Math.Sqrt((maxX - minX) * (maxX - minX) + (maxY - minY) * (maxY - minY)) / Math.Sqrt((double)width * width + (double)height * height);
        return (resolution, (int)((maxX - minX) / resolution + 0.5), (int)((maxY - minY) / resolution + 0.5));
    }

    private static bool Same(double resolution, double cellSize) => Math.Abs(resolution - cellSize) / cellSize <= SameResolution;
}
