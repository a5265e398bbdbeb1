using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>Bounding boxes of a WGS 84 extent in other CRSs, for capabilities (east/north order).</summary>
internal static class BoundsProjector
{
    private const double MercatorLatLimit = 85.0511287798066;

    /// <summary>
    /// The box holding the extent's edges (densified) in <paramref name="target"/>, after clipping the extent to the
    /// CRS's area of use; null when the extent is outside that area or nothing transforms.
    /// </summary>
    public static Bounds? Project(CrsRegistry registry, Bounds wgs84, CrsDefinition target)
    {
        if (target.IsGeographic)
            return wgs84;
        Bounds? result = null;
        foreach (var area in AreasOfUse(target))
        {
            if (Clip(wgs84, area) is not { } box || registry.CreateTransform(registry.Resolve("CRS:84"), target).TransformEdges(box) is not { } projected)
                continue;
            result = result is { } r
                ? new Bounds(Math.Min(r.MinX, projected.MinX), Math.Min(r.MinY, projected.MinY), Math.Max(r.MaxX, projected.MaxX), Math.Max(r.MaxY, projected.MaxY))
                : projected;
        }
        return result;
    }

    /// <summary>
    /// The footprint's boxes in <paramref name="target"/>: one for each side of the antimeridian when the WGS 84 box
    /// crosses it (in either form, <see cref="Antimeridian"/>), each projected as <see cref="Project"/> does.
    /// </summary>
    public static IReadOnlyList<Bounds> ProjectParts(CrsRegistry registry, Bounds wgs84, CrsDefinition target) =>
        Antimeridian.Parts(wgs84).Select(part => Project(registry, part, target)).OfType<Bounds>().ToList();

    /// <summary>The CRS's area of use; one that crosses the antimeridian (west &gt; east, e.g. EPSG:5482, EPSG:3832) is two boxes.</summary>
    private static IEnumerable<Bounds> AreasOfUse(CrsDefinition target)
    {
        var area = target.AreaOfUse ?? new Bounds(-180, -90, 180, 90);
        if (target.Epsg is 3857 or 3395)
            area = area with { MinY = Math.Max(area.MinY, -MercatorLatLimit), MaxY = Math.Min(area.MaxY, MercatorLatLimit) };
        if (area.MinX <= area.MaxX)
            return [area];
        return [area with { MaxX = 180 }, area with { MinX = -180 }];
    }

    private static Bounds? Clip(Bounds wgs84, Bounds area)
    {
        var clipped = new Bounds(Math.Max(wgs84.MinX, area.MinX), Math.Max(wgs84.MinY, area.MinY), Math.Min(wgs84.MaxX, area.MaxX), Math.Min(wgs84.MaxY, area.MaxY));
        return clipped.MinX < clipped.MaxX && clipped.MinY < clipped.MaxY ? clipped : null;
    }
}
