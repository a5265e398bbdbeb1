using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>Bounding boxes of a WGS 84 extent in other CRSs, for capabilities (east/north order).</summary>
internal static class BoundsProjector
{
    private const int PointsPerEdge = 21;
    private const double MercatorLatLimit = 85.0511287798066;

    /// <summary>
    /// The box holding the extent's edges (densified) in <paramref name="target"/>, after clipping the extent to the
    /// CRS's area of use; null when the extent is outside that area or nothing transforms.
    /// </summary>
    public static Bounds? Project(CrsRegistry registry, Bounds wgs84, CrsDefinition target)
    {
        if (target.IsGeographic)
            return wgs84;
        if (Clip(wgs84, target) is not { } box)
            return null;
        Span<double> xs = stackalloc double[PointsPerEdge * 4];
        Span<double> ys = stackalloc double[PointsPerEdge * 4];
        for (var i = 0; i < PointsPerEdge; i++)
        {
            var t = i / (double)(PointsPerEdge - 1);
            var x = box.MinX + t * box.Width;
            var y = box.MinY + t * box.Height;
            (xs[i], ys[i]) = (x, box.MinY);
            (xs[PointsPerEdge + i], ys[PointsPerEdge + i]) = (x, box.MaxY);
            (xs[2 * PointsPerEdge + i], ys[2 * PointsPerEdge + i]) = (box.MinX, y);
            (xs[3 * PointsPerEdge + i], ys[3 * PointsPerEdge + i]) = (box.MaxX, y);
        }
        registry.CreateTransform(registry.Resolve("CRS:84"), target).Transform(xs, ys);
        return Envelope(xs, ys);
    }

    private static Bounds? Clip(Bounds wgs84, CrsDefinition target)
    {
        var area = target.AreaOfUse ?? new Bounds(-180, -90, 180, 90);
        if (target.Epsg is 3857 or 3395)
            area = area with { MinY = Math.Max(area.MinY, -MercatorLatLimit), MaxY = Math.Min(area.MaxY, MercatorLatLimit) };
        var clipped = new Bounds(Math.Max(wgs84.MinX, area.MinX), Math.Max(wgs84.MinY, area.MinY), Math.Min(wgs84.MaxX, area.MaxX), Math.Min(wgs84.MaxY, area.MaxY));
        return clipped.MinX < clipped.MaxX && clipped.MinY < clipped.MaxY ? clipped : null;
    }

    private static Bounds? Envelope(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }
        return minX < maxX && minY < maxY ? new Bounds(minX, minY, maxX, maxY) : null;
    }
}
