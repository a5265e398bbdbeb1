using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// The operations PROJ uses from a datum to WGS 84 for an area of interest, as gdalwarp gets them: GDAL passes the
/// source raster's corners as the area (GDALComputeAreaOfInterest) to proj_create_crs_to_crs, which lists the
/// operations for that area (PROJ 9.1's coordinateoperationfactory.cpp, FilterResults: those whose area of use
/// intersects it, those with a missing grid left out, sorted by SortFunction: ballparks last, known accuracy first, then
/// the larger part of the area of interest covered, better accuracy, no grid, fewer steps, shorter name, and last the
/// greater name); proj_trans then takes, for each point, the first of that list whose area holds the point unless a
/// later one is more accurate and not offshore (<see cref="DatumShift"/>). The order is what the area changes: without
/// one, PROJ sorts on the CRS's whole area of use, so over RSO Sarawak cs2cs keeps Timbalai 1948 to WGS 84 (1), 19 m,
/// covering more of the CRS, where gdalwarp over a raster there gets (4), 5 m, first.
/// </summary>
internal static class OperationChoice
{
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>
    /// The operations for <paramref name="area"/> (longitude/latitude degrees; MinX &gt; MaxX when it crosses the
    /// antimeridian) in PROJ's order, or null when none shifts coordinates (PROJ's ballpark, or operations that leave
    /// them unchanged).
    /// </summary>
    public static DatumOperation[]? For(DatumOperation[] operations, Bounds area)
    {
        var ranked = Rank(operations, area);
        return ranked.Any(o => o.IsSupported && !o.IsIdentity) ? [.. ranked] : null;
    }

    /// <summary>PROJ's list for the area: the operations that intersect it, in PROJ's order.</summary>
    public static List<DatumOperation> Rank(DatumOperation[] operations, Bounds area)
    {
        var kept = new List<(DatumOperation Op, double Covered)>();
        foreach (var op in operations)
        {
            if (!op.IsGridMissing && Intersects(op.Area, area))
                kept.Add((op, CoveredArea(op.Area, area)));
        }
        kept.Sort((a, b) => Before(a, b) ? -1 : Before(b, a) ? 1 : 0);
        return kept.ConvertAll(k => k.Op);
    }

    /// <summary>PROJ's SortFunction::compare: true when <paramref name="a"/> goes before <paramref name="b"/>.</summary>
    private static bool Before((DatumOperation Op, double Covered) a, (DatumOperation Op, double Covered) b)
    {
        var (x, y) = (a.Op, b.Op);
        if (x.IsBallpark != y.IsBallpark)
            return !x.IsBallpark;
        if (x.IsNullTransformation != y.IsNullTransformation)
            return !x.IsNullTransformation;
        if ((x.Accuracy >= 0) != (y.Accuracy >= 0))
            return x.Accuracy >= 0;
        if (x.Accuracy < 0 && x.UsesGrid != y.UsesGrid)
            return x.UsesGrid;
        if (a.Covered > 0)
        {
            if (a.Covered != b.Covered)
                return a.Covered > b.Covered;
        }
        else if (b.Covered > 0)
            return false;
        if (x.Accuracy >= 0 && x.Accuracy != y.Accuracy)
            return x.Accuracy < y.Accuracy;
        if (x.Accuracy >= 0 && x.UsesGrid != y.UsesGrid)
            return !x.UsesGrid;
        if (x.StepCount != y.StepCount)
            return x.StepCount < y.StepCount;
        if (x.Name.Length != y.Name.Length)
            return x.Name.Length < y.Name.Length;
        // PROJ's own exception to the name order, for the French NTF (Paris) operations
        foreach (var (first, second) in (ReadOnlySpan<(string, string)>)[("NTF (Paris) to NTF (1)", "NTF (Paris) to NTF (2)"), ("NTF (Paris) to RGF93 (1)", "NTF (Paris) to RGF93 (2)")])
        {
            if (x.Name.Contains(first, StringComparison.Ordinal) && y.Name.Contains(second, StringComparison.Ordinal))
                return true;
            if (x.Name.Contains(second, StringComparison.Ordinal) && y.Name.Contains(first, StringComparison.Ordinal))
                return false;
        }
        return string.CompareOrdinal(x.Name, y.Name) > 0;
    }

    /// <summary>GeographicBoundingBox::intersects: latitudes may touch, longitudes must overlap.</summary>
    private static bool Intersects(Bounds a, Bounds b)
    {
        if (a.MaxY < b.MinY || b.MaxY < a.MinY)
            return false;
        foreach (var p in Antimeridian.Parts(a))
        {
            foreach (var q in Antimeridian.Parts(b))
            {
                if (Math.Max(p.MinX, q.MinX) < Math.Min(p.MaxX, q.MaxX))
                    return true;
            }
        }
        return false;
    }

    /// <summary>getPseudoArea of the intersection: longitude span times the difference of the latitudes' sines.</summary>
    private static double CoveredArea(Bounds a, Bounds b)
    {
        var south = Math.Max(a.MinY, b.MinY);
        var north = Math.Min(a.MaxY, b.MaxY);
        if (north < south)
            return 0;
        var span = 0.0;
        foreach (var p in Antimeridian.Parts(a))
        {
            foreach (var q in Antimeridian.Parts(b))
                span += Math.Max(0, Math.Min(p.MaxX, q.MaxX) - Math.Max(p.MinX, q.MinX));
        }
        return span * (Math.Sin(north * DegreesToRadians) - Math.Sin(south * DegreesToRadians));
    }
}
