using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
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

    public CrsRegistry Crs => crs;

    /// <summary>The whole source in <paramref name="dstCrs"/> (default: the source's CRS).</summary>
    public TargetGrid Preview(SourceInfo info, string? dstCrs, ImageSize size)
    {
        var target = Canonical(dstCrs ?? info.Crs, "dst_crs");
        var bounds = BoundsTransform.Transform(info.NativeBounds, info.Crs, target, crs);
        var (nativeW, nativeH) = NativeSize(info, bounds, target);
        var (w, h) = size.Resolve(nativeW, nativeH);
        return new TargetGrid(target, bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY, w, h);
    }

    /// <summary>An area given in <paramref name="coordCrs"/>, read into <paramref name="dstCrs"/> (default coord_crs).</summary>
    public TargetGrid Part(SourceInfo info, Bounds area, string? coordCrs, string? dstCrs, ImageSize size)
    {
        if (!(area.MaxX > area.MinX && area.MaxY > area.MinY))
            throw new InvalidParameterException("bbox", $"bbox: {area.MinX},{area.MinY},{area.MaxX},{area.MaxY} is empty (give minx,miny,maxx,maxy with min < max)");
        var from = Canonical(coordCrs ?? DefaultCoordCrs, "coord_crs");
        var target = Canonical(dstCrs ?? from, "dst_crs");
        var bounds = BoundsTransform.Transform(area, from, target, crs);
        var (nativeW, nativeH) = NativeSize(info, bounds, target);
        var (w, h) = size.Resolve(nativeW, nativeH);
        return new TargetGrid(target, bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY, w, h);
    }

    /// <summary>A 1×1 grid on the source pixel that holds (x, y) given in <paramref name="coordCrs"/>; null when outside.</summary>
    public TargetGrid? Point(SourceInfo info, double x, double y, string? coordCrs)
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
        return new TargetGrid(info.Crs, b.MinX + col * dx, b.MaxY - (row + 1) * dy, b.MinX + (col + 1) * dx, b.MaxY - row * dy, 1, 1);
    }

    /// <summary>Whether the grid's area overlaps the source's data.</summary>
    public bool Overlaps(SourceInfo info, TargetGrid grid)
    {
        var source = BoundsTransform.Transform(info.NativeBounds, info.Crs, grid.Crs, crs);
        return source.Intersects(new Bounds(grid.MinX, grid.MinY, grid.MaxX, grid.MaxY));
    }

    private string Canonical(string id, string parameter) =>
        crs.TryResolve(id, out var definition) ? definition.Id : throw new InvalidParameterException(parameter, $"{parameter}: unknown CRS '{id}'");

    /// <summary>Pixels the area spans at the source's own resolution carried into the target CRS.</summary>
    private (double Width, double Height) NativeSize(SourceInfo info, Bounds area, string target)
    {
        var full = BoundsTransform.Transform(info.NativeBounds, info.Crs, target, crs);
        var resX = full.Width / info.Width;
        var resY = full.Height / info.Height;
        return resX > 0 && resY > 0 ? (area.Width / resX, area.Height / resY) : (info.Width, info.Height);
    }
}
