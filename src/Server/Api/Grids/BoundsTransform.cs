using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Api.Grids;

/// <summary>Bounds from one CRS to another through 21 points per edge (as rasterio's transform_bounds).</summary>
internal static class BoundsTransform
{
    private const int PointsPerEdge = 21;

    public static Bounds Transform(Bounds bounds, string fromCrs, string toCrs, CrsRegistry registry)
    {
        var from = registry.Resolve(fromCrs);
        var to = registry.Resolve(toCrs);
        if (from.Id == to.Id)
            return bounds;
        Span<double> xs = stackalloc double[4 * PointsPerEdge];
        Span<double> ys = stackalloc double[4 * PointsPerEdge];
        for (var i = 0; i < PointsPerEdge; i++)
        {
            var t = i / (double)(PointsPerEdge - 1);
            (xs[i], ys[i]) = (bounds.MinX + t * bounds.Width, bounds.MinY);
            (xs[PointsPerEdge + i], ys[PointsPerEdge + i]) = (bounds.MinX + t * bounds.Width, bounds.MaxY);
            (xs[2 * PointsPerEdge + i], ys[2 * PointsPerEdge + i]) = (bounds.MinX, bounds.MinY + t * bounds.Height);
            (xs[3 * PointsPerEdge + i], ys[3 * PointsPerEdge + i]) = (bounds.MaxX, bounds.MinY + t * bounds.Height);
        }
        registry.CreateTransform(from, to).Transform(xs, ys);
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
        return minX <= maxX ? new Bounds(minX, minY, maxX, maxY) : new Bounds(0, 0, 0, 0);
    }

    /// <summary>A CRS identifier as an OGC URI, for Content-Crs and info documents.</summary>
    public static string CrsUri(string crs)
    {
        if (crs.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase))
            return "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
        var colon = crs.LastIndexOf(':');
        return colon > 0 && crs.StartsWith("EPSG", StringComparison.OrdinalIgnoreCase)
            ? $"http://www.opengis.net/def/crs/EPSG/0/{crs[(colon + 1)..]}"
            : crs;
    }
}
