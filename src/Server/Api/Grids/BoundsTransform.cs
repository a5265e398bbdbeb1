using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Api.Grids;

/// <summary>Bounds from one CRS to another through 21 points per edge (as rasterio's transform_bounds).</summary>
internal static class BoundsTransform
{
    /// <param name="area">The raster's area when <paramref name="bounds"/> are a raster's own (its datum operation, as
    /// GDAL's suggested warp output takes it); null for any other box (rasterio's transform_bounds: each point's own).</param>
    public static Bounds Transform(Bounds bounds, string fromCrs, string toCrs, CrsRegistry registry, AreaOfInterest? area = null)
    {
        var from = registry.Resolve(fromCrs);
        var to = registry.Resolve(toCrs);
        return from.Id == to.Id
            ? bounds
            : registry.CreateTransform(from, to, area).TransformEdges(bounds) ?? new Bounds(0, 0, 0, 0);
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
