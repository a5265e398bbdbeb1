using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Api.Grids;

/// <summary>
/// A request's GeoJSON feature (rings in <paramref name="ringsCrs"/>) and its coverage of the grids it is read into:
/// the feature mask and the statistics weights of one grid come from one computation.
/// </summary>
internal sealed class FeatureCoverage(GeoJsonFeature feature, string ringsCrs, CrsRegistry crs, int coverScale = PolygonCoverage.DefaultCoverScale)
{
    private (TargetGrid Grid, float[] Coverage)? _last;

    public GeoJsonFeature Feature => feature;

    /// <summary>The fraction of each pixel of <paramref name="grid"/> the feature covers (0 outside).</summary>
    public float[] For(TargetGrid grid)
    {
        if (_last is { } last && last.Grid == grid)
            return last.Coverage;
        var coverage = new PolygonCoverage(RingsIn(grid.Crs), coverScale).Compute(grid);
        _last = (grid, coverage);
        return coverage;
    }

    private IReadOnlyList<IReadOnlyList<(double X, double Y)>> RingsIn(string gridCrs)
    {
        var transform = crs.CreateTransform(crs.Resolve(ringsCrs), crs.Resolve(gridCrs));
        if (transform.IsIdentity)
            return feature.Rings;
        return feature.Rings.Select(ring =>
        {
            var xs = ring.Select(p => p.X).ToArray();
            var ys = ring.Select(p => p.Y).ToArray();
            transform.Transform(xs, ys);
            return (IReadOnlyList<(double, double)>)xs.Zip(ys).ToArray();
        }).ToArray();
    }
}
