using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Api.Grids;

/// <summary>Bounds from one CRS to another through 21 points per edge (as rasterio's transform_bounds).</summary>
internal static class BoundsTransform
{
    public static Bounds Transform(Bounds bounds, string fromCrs, string toCrs, CrsRegistry registry)
    {
        var from = registry.Resolve(fromCrs);
        var to = registry.Resolve(toCrs);
        return from.Id == to.Id
            ? bounds
            : registry.CreateTransform(from, to).TransformEdges(bounds) ?? new Bounds(0, 0, 0, 0);
    }

    /// <summary>
    /// The WGS84 bounds of a footprint as rasterio's transform_bounds gives them for TiTiler's info.geojson: the edges
    /// densified to 21 points each, and MinX &gt; MaxX when the footprint crosses the antimeridian (its longitudes
    /// then span less with the western ones taken a turn east).
    /// </summary>
    public static Bounds Geographic(Bounds native, string crs, CrsRegistry registry)
    {
        const int perEdge = 21;
        var xs = new double[perEdge * 4];
        var ys = new double[perEdge * 4];
        for (var i = 0; i < perEdge; i++)
        {
            var t = i / (double)(perEdge - 1);
            var (x, y) = (native.MinX + t * native.Width, native.MinY + t * native.Height);
            (xs[i], ys[i]) = (x, native.MinY);
            (xs[perEdge + i], ys[perEdge + i]) = (x, native.MaxY);
            (xs[2 * perEdge + i], ys[2 * perEdge + i]) = (native.MinX, y);
            (xs[3 * perEdge + i], ys[3 * perEdge + i]) = (native.MaxX, y);
        }
        registry.CreateTransform(registry.Resolve(crs), registry.Resolve("EPSG:4326")).Transform(xs, ys);
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minEast = double.PositiveInfinity, maxEast = double.NegativeInfinity;
        double minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                continue;
            xs[i] = ((xs[i] + 180) % 360 + 360) % 360 - 180; // into -180..180, as PROJ wraps longitudes
            var east = xs[i] < 0 ? xs[i] + 360 : xs[i];
            (minX, maxX, minEast, maxEast) = (Math.Min(minX, xs[i]), Math.Max(maxX, xs[i]), Math.Min(minEast, east), Math.Max(maxEast, east));
            (minY, maxY) = (Math.Min(minY, ys[i]), Math.Max(maxY, ys[i]));
        }
        if (maxX - minX > 180 && maxEast - minEast < maxX - minX && maxEast > 180)
            return new Bounds(minEast, minY, maxEast - 360, maxY);
        return double.IsFinite(minX) ? new Bounds(minX, minY, maxX, maxY) : new Bounds(0, 0, 0, 0);
    }

    /// <summary>
    /// rio-tiler's CRS_to_uri: the OGC URI of an EPSG CRS, or of the EPSG CRS a user-defined one is identified as (as
    /// rasterio's to_authority); null for a user-defined CRS that matches none.
    /// </summary>
    public static string? AuthorityUri(string crs) =>
        crs.StartsWith("USER:", StringComparison.Ordinal)
            ? CrsRegistry.Default.TryResolve(crs, out var user) && user.IdentifiedAs is { } code ? $"http://www.opengis.net/def/crs/EPSG/0/{code}" : null
            : CrsUri(crs);

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
