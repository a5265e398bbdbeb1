namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// Longitude/latitude boxes around 180°. A footprint transformed by the engine keeps its longitudes continuous, so one
/// across the antimeridian reaches past ±180° (UTM 1N data: -180.59..-179.16); a STAC bbox or a document writes it as
/// RFC 7946 §5.2 and rio-tiler's transform_bounds do, west &gt; east (179.41..-179.16). Each member takes either form.
/// The engine, the server's documents and the plugins (a STAC mosaic's item bboxes) share this one implementation.
/// </summary>
public static class Antimeridian
{
    /// <summary>
    /// The box with both longitudes within ±180°, west &gt; east when it crosses 180° (rio-tiler's
    /// get_geographic_bounds); a box a turn wide or more is -180..180.
    /// </summary>
    public static Bounds Wrap(Bounds b)
    {
        if (!double.IsFinite(b.MinX) || !double.IsFinite(b.MaxX))
            return b;
        if (b.MinX <= b.MaxX && b.MaxX - b.MinX >= 360)
            return b with { MinX = -180, MaxX = 180 };
        var (west, east) = (Longitude(b.MinX), Longitude(b.MaxX));
        // A box ending on 180° (0..180) or starting on -180° keeps that edge rather than becoming west > east.
        if (b.MinX < b.MaxX && west >= east)
        {
            if (east == -180)
                east = 180;
            else if (west == 180)
                west = -180;
        }
        return b with { MinX = west, MaxX = east };
    }

    /// <summary>Whether the box crosses 180° (in either form).</summary>
    public static bool Crosses(Bounds b)
    {
        var w = Wrap(b);
        return w.MinX > w.MaxX;
    }

    /// <summary>The box as one or two boxes within ±180°: west of 180° first, then east of -180°.</summary>
    public static IReadOnlyList<Bounds> Parts(Bounds b)
    {
        var w = Wrap(b);
        return w.MinX > w.MaxX ? [w with { MaxX = 180 }, w with { MinX = -180 }] : [w];
    }

    /// <summary>Whether two boxes meet, edges included (a search box touching an item counts), each in either form.</summary>
    public static bool Meet(Bounds a, Bounds b)
    {
        foreach (var p in Parts(a))
        {
            foreach (var q in Parts(b))
            {
                if (p.MinX <= q.MaxX && q.MinX <= p.MaxX && p.MinY <= q.MaxY && q.MinY <= p.MaxY)
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The box within ±180° with west &lt; east holding the whole footprint: all longitudes for one across 180°, for
    /// documents that cannot say west &gt; east (WMS 1.1.1 LatLonBoundingBox, EPSG:4326 boxes, MBTiles bounds).
    /// </summary>
    public static Bounds Enclosing(Bounds b) => Parts(b).Aggregate(Bounds.Union);

    /// <summary>The box's centre longitude and latitude, on the antimeridian side for a box that crosses it.</summary>
    public static (double Longitude, double Latitude) Centre(Bounds b)
    {
        var w = Wrap(b);
        var east = w.MinX > w.MaxX ? w.MaxX + 360 : w.MaxX;
        return (Longitude((w.MinX + east) / 2), (w.MinY + w.MaxY) / 2);
    }

    /// <summary>
    /// The smallest box holding every box, around the globe: its west edge is where the widest longitude gap between
    /// the boxes ends, so boxes on both sides of 180° give one box across it rather than one around the world. The
    /// result keeps its longitudes continuous (west within ±180°, east past 180° when it crosses), -180..180 when the
    /// boxes leave no gap.
    /// </summary>
    public static Bounds Union(IEnumerable<Bounds> boxes)
    {
        var arcs = new List<(double West, double East)>();
        double south = double.MaxValue, north = double.MinValue;
        foreach (var box in boxes)
        {
            var w = Wrap(box);
            var west = w.MinX == 180 ? -180 : w.MinX;
            var east = w.MinX > w.MaxX ? w.MaxX + 360 : w.MaxX;
            arcs.Add((west, Math.Max(east, west)));
            (south, north) = (Math.Min(south, w.MinY), Math.Max(north, w.MaxY));
        }
        if (arcs.Count == 0)
            throw new ArgumentException("no boxes to unite", nameof(boxes));
        arcs.Sort();
        var merged = new List<(double West, double East)>();
        foreach (var arc in arcs)
        {
            if (merged.Count > 0 && arc.West <= merged[^1].East)
                merged[^1] = (merged[^1].West, Math.Max(merged[^1].East, arc.East));
            else
                merged.Add(arc);
        }
        // the last arc may run past 180° over the first ones
        while (merged.Count > 1 && merged[^1].East >= merged[0].West + 360)
        {
            merged[^1] = (merged[^1].West, Math.Max(merged[^1].East, merged[0].East + 360));
            merged.RemoveAt(0);
        }
        if (merged.Count == 1 && merged[0].East - merged[0].West >= 360)
            return new Bounds(-180, south, 180, north);
        // the widest gap: between arc i's east and the next arc's west; the one after the last wraps round to the first
        var widest = merged.Count - 1;
        var widestGap = merged[0].West + 360 - merged[^1].East;
        for (var i = 0; i < merged.Count - 1; i++)
        {
            var gap = merged[i + 1].West - merged[i].East;
            if (gap > widestGap)
                (widest, widestGap) = (i, gap);
        }
        return widest == merged.Count - 1
            ? new Bounds(merged[0].West, south, merged[^1].East, north)
            : new Bounds(merged[widest + 1].West, south, merged[widest].East + 360, north);
    }

    /// <summary>A longitude into -180..180 (180 stays 180).</summary>
    private static double Longitude(double x) => x is >= -180 and <= 180 ? x : x - 360 * Math.Floor((x + 180) / 360);
}
