using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Grids;

/// <summary>
/// Polygons (rings of x/y in a grid's CRS) rasterised onto a grid by scanlines at pixel centres, even-odd rule across
/// all rings (holes cut out), as GDAL's default rasterisation without all_touched.
/// </summary>
internal sealed class PolygonMask(IReadOnlyList<IReadOnlyList<(double X, double Y)>> rings)
{
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Rings => rings;

    /// <summary>Clears <paramref name="mask"/> (grid.Width × grid.Height) outside the polygons.</summary>
    public void Apply(TargetGrid grid, Span<byte> mask)
    {
        var crossings = new List<double>();
        for (var row = 0; row < grid.Height; row++)
        {
            var y = grid.MaxY - (row + 0.5) * grid.ResolutionY;
            Crossings(y, crossings);
            var line = mask.Slice(row * grid.Width, grid.Width);
            var inside = 0;
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(0, (int)Math.Ceiling((crossings[k] - grid.MinX) / grid.ResolutionX - 0.5));
                var to = Math.Min(grid.Width, (int)Math.Ceiling((crossings[k + 1] - grid.MinX) / grid.ResolutionX - 0.5));
                if (from > inside)
                    line[inside..Math.Min(from, grid.Width)].Clear();
                inside = Math.Max(inside, to);
            }
            if (inside < grid.Width)
                line[inside..].Clear();
        }
    }

    private void Crossings(double y, List<double> xs)
    {
        xs.Clear();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var (x1, y1) = ring[i];
                var (x2, y2) = ring[(i + 1) % ring.Count];
                if ((y1 <= y && y < y2) || (y2 <= y && y < y1))
                    xs.Add(x1 + (y - y1) / (y2 - y1) * (x2 - x1));
            }
        }
        xs.Sort();
    }
}
