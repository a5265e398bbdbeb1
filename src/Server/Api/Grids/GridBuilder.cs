using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Warp;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Grids;

/// <summary>
/// The <see cref="TargetGrid"/> of each image endpoint: preview (the whole source), bbox and feature (an area in
/// <c>coord_crs</c>, output in <c>dst_crs</c>, which defaults to <c>coord_crs</c> as rio-tiler's part()), point (the
/// source pixel holding the point).
/// </summary>
internal sealed class GridBuilder(CrsRegistry crs)
{
    public const string DefaultCoordCrs = "EPSG:4326";

    /// <summary>The world width of each TileMatrixSet CRS a tile asked for (a few), kept rather than projected per tile.</summary>
    private readonly ConcurrentDictionary<string, double> _worldWidths = new();

    public CrsRegistry Crs => crs;

    /// <summary>
    /// The whole source in <paramref name="dstCrs"/> (default: the source's CRS): the extent of the grid rio-tiler reads
    /// it on (<see cref="SourceGrid"/>; in another CRS its WarpedVRT's, whose far corner is whole pixels from the first),
    /// so the bounds are those of rio-tiler's preview, /cog/map's included (TiTiler's map calls preview), and gdalwarp's.
    /// </summary>
    public TargetGrid Preview(SourceInfo info, string? dstCrs, ImageSize size)
    {
        var target = Canonical(dstCrs ?? info.Crs, "dst_crs");
        var grid = SourceGrid(info, target);
        var b = grid.Extent;
        var (w, h) = grid.ResX > 0 && grid.ResY > 0 ? size.Resolve(b.Width / grid.ResX, b.Height / grid.ResY) : size.Resolve(info.Width, info.Height);
        return new TargetGrid(target, b.MinX, b.MinY, b.MaxX, b.MaxY, w, h) { Overviews = OverviewRule.RasterIo };
    }

    /// <summary>
    /// An area given in <paramref name="coordCrs"/>, read into <paramref name="dstCrs"/> (default coord_crs). With
    /// <paramref name="alignToSource"/> (rio-tiler's align_bounds_with_dataset, used by feature statistics) the area
    /// grows to whole pixels of the source's grid as carried into the target CRS, so coverage fractions are per source pixel.
    /// </summary>
    public TargetGrid Part(SourceInfo info, Bounds area, string? coordCrs, string? dstCrs, ImageSize size, bool alignToSource = false)
    {
        if (!(area.MaxX > area.MinX && area.MaxY > area.MinY))
            throw new InvalidParameterException("bbox", $"bbox: {area.MinX},{area.MinY},{area.MaxX},{area.MaxY} is empty (give minx,miny,maxx,maxy with min < max)");
        var from = Canonical(coordCrs ?? DefaultCoordCrs, "coord_crs");
        var target = Canonical(dstCrs ?? from, "dst_crs");
        var bounds = BoundsTransform.Transform(area, from, target, crs);
        if (alignToSource)
            bounds = AlignToSource(info, bounds, target);
        var (nativeW, nativeH) = NativeSize(info, bounds, target);
        var (w, h) = size.Resolve(nativeW, nativeH);
        return new TargetGrid(target, bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY, w, h) { Overviews = OverviewRule.RasterIo };
    }

    /// <summary>
    /// A 1×1 grid on the source pixel that holds (x, y) given in <paramref name="coordCrs"/>; null when outside. With a
    /// <paramref name="nodata"/> value given it is <see cref="TargetGrid.Warped"/>: rio-tiler's point then reads through
    /// a WarpedVRT (reader.py <c>point</c>), whose warper leaves an alpha band's transparent pixels out.
    /// </summary>
    public TargetGrid? Point(SourceInfo info, double x, double y, string? coordCrs, double? nodata)
    {
        var from = Canonical(coordCrs ?? DefaultCoordCrs, "coord_crs");
        var (sx, sy) = crs.CreateTransform(crs.Resolve(from), crs.Resolve(info.Crs)).Transform(x, y);
        var b = info.NativeBounds;
        if (!double.IsFinite(sx) || !double.IsFinite(sy) || sx < b.MinX || sx >= b.MaxX || sy <= b.MinY || sy > b.MaxY)
            return null;
        var dx = b.Width / info.Width;
        var dy = b.Height / info.Height;
        var col = Math.Min(info.Width - 1, (int)Math.Floor((sx - b.MinX) / dx));
        var row = Math.Min(info.Height - 1, (int)Math.Floor((b.MaxY - sy) / dy));
        return new TargetGrid(info.Crs, b.MinX + col * dx, b.MaxY - (row + 1) * dy, b.MinX + (col + 1) * dx, b.MaxY - row * dy, 1, 1) { Warped = nodata is not null };
    }

    /// <summary>An area (a point as a box of no size) given in <paramref name="coordCrs"/> (default EPSG:4326) as a WGS84 box.</summary>
    public Bounds Wgs84(Bounds area, string? coordCrs)
    {
        var from = Canonical(coordCrs ?? DefaultCoordCrs, "coord_crs");
        if (area.Width > 0 || area.Height > 0)
            return BoundsTransform.Transform(area, from, DefaultCoordCrs, crs);
        var (x, y) = crs.CreateTransform(crs.Resolve(from), crs.Resolve(DefaultCoordCrs)).Transform(area.MinX, area.MinY);
        return new Bounds(x, y, x, y);
    }

    /// <summary>Whether the grid's area overlaps the source's data.</summary>
    public bool Overlaps(SourceInfo info, TargetGrid grid)
    {
        var area = new Bounds(grid.MinX, grid.MinY, grid.MaxX, grid.MaxY);
        var turn = _worldWidths.GetOrAdd(grid.Crs, WorldWidth);
        foreach (var piece in LongitudePieces(info))
        {
            var b = BoundsTransform.Transform(piece, info.Crs, grid.Crs, crs);
            if (b.Intersects(area) || (turn > 0 && (Shifted(b, turn).Intersects(area) || Shifted(b, -turn).Intersects(area))))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The width of one turn around the Earth in <paramref name="gridCrs"/> (360° geographic, 2πa in Mercator), 0 where
    /// 180° W and 180° E meet at one point. A footprint that crosses the antimeridian reaches past one side of the
    /// world there; one turn back it meets the tiles of the other side, which the warper fills (rio-tiler's tile_exists).
    /// </summary>
    private double WorldWidth(string gridCrs)
    {
        var toGrid = crs.CreateTransform(crs.Resolve("EPSG:4326"), crs.Resolve(gridCrs));
        var (west, _) = toGrid.Transform(-180, 0);
        var (east, _) = toGrid.Transform(180, 0);
        var width = east - west;
        return double.IsFinite(width) && width > 1e-9 * Math.Max(Math.Abs(east), 1) ? width : 0;
    }

    private static Bounds Shifted(Bounds b, double dx) => new(b.MinX + dx, b.MinY, b.MaxX + dx, b.MaxY);

    /// <summary>
    /// The source's native bounds, split at 180° when a geographic source reaches past it (0..360°): the part beyond is
    /// the same ground one turn west, where the warper finds it (GDAL's CENTER_LONG).
    /// </summary>
    private IReadOnlyList<Bounds> LongitudePieces(SourceInfo info) =>
        crs.Resolve(info.Crs).IsGeographic ? Antimeridian.Parts(info.NativeBounds) : [info.NativeBounds];

    /// <summary>
    /// Bounds grown to whole pixels of the grid rio-tiler reads the source on in <paramref name="target"/>
    /// (<see cref="SourceGrid"/>), as its align_bounds_with_dataset rounds the window outwards.
    /// </summary>
    private Bounds AlignToSource(SourceInfo info, Bounds bounds, string target)
    {
        var (extent, resX, resY) = SourceGrid(info, target);
        if (!(resX > 0 && resY > 0))
            return bounds;
        var (originX, originY) = (extent.MinX, extent.MaxY);
        // Offsets rounded to 1e-6 pixel first, so float noise adds no pixel.
        double Floor(double v) => Math.Floor(Math.Round(v, 6));
        double Ceiling(double v) => Math.Ceiling(Math.Round(v, 6));
        return new Bounds(
            originX + Floor((bounds.MinX - originX) / resX) * resX,
            originY - Ceiling((originY - bounds.MinY) / resY) * resY,
            originX + Ceiling((bounds.MaxX - originX) / resX) * resX,
            originY - Floor((originY - bounds.MaxY) / resY) * resY);
    }

    /// <summary>
    /// The grid rio-tiler reads the source on in <paramref name="target"/>: the source's own in its CRS; in another,
    /// GDAL's suggested warp output (GDALSuggestedWarpOutput2, so rasterio's calculate_default_transform and
    /// rio-tiler's WarpedVRT): the transformed extent's north-west corner, <see cref="SuggestedWarp.SquarePixel"/>, and
    /// the extent's size in those pixels rounded to whole ones (<c>(int)(size / pixel + 0.5)</c>), so the far corner is
    /// whole pixels from the first, as gdalwarp's output ends; corner and pixel with the datum operation of the source's
    /// reads (its <see cref="SourceInfo.AreaOfInterest"/>), as GDAL's suggested output takes the raster's. GDAL's
    /// adjustment of the pixel where the right or bottom border would fall outside the source is not replayed.
    /// </summary>
    private (Bounds Extent, double ResX, double ResY) SourceGrid(SourceInfo info, string target)
    {
        var full = BoundsTransform.Transform(info.NativeBounds, info.Crs, target, crs, info.AreaOfInterest);
        var source = crs.Resolve(info.Crs);
        if (source.Id == target)
            return (full, full.Width / info.Width, full.Height / info.Height);
        var b = info.NativeBounds;
        var res = SuggestedWarp.SquarePixel(crs.CreateTransform(source, crs.Resolve(target), info.AreaOfInterest), (b.MinX, b.MaxY), (b.MaxX, b.MinY), info.Width, info.Height, full);
        if (!(res > 0))
            return (full, res, res);
        var (columns, rows) = (Math.Max(1, (int)(full.Width / res + 0.5)), Math.Max(1, (int)(full.Height / res + 0.5)));
        return (new Bounds(full.MinX, full.MaxY - rows * res, full.MinX + columns * res, full.MaxY), res, res);
    }

    private string Canonical(string id, string parameter) =>
        crs.TryResolve(CrsText.ToEpsg(id), out var definition, out var error) ? definition.Id : throw new InvalidParameterException(parameter, $"{parameter}: {error ?? $"unknown CRS '{id}'"}");

    /// <summary>Pixels the area spans on the grid rio-tiler reads the source on (<see cref="SourceGrid"/>), so a bbox in EPSG:4326 keeps its shape in degrees, as TiTiler's.</summary>
    private (double Width, double Height) NativeSize(SourceInfo info, Bounds area, string target)
    {
        var (_, resX, resY) = SourceGrid(info, target);
        return resX > 0 && resY > 0 ? (area.Width / resX, area.Height / resY) : (info.Width, info.Height);
    }
}
