using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Tests.Api.Grids;

public class PolygonCoverageTests
{
    // 10×10 pixels of 1×1 unit, y up.
    private static readonly TargetGrid Grid = new("EPSG:3857", 0, 0, 10, 10, 10, 10);

    private static float At(float[] coverage, int col, int row) => coverage[row * 10 + col];

    [Fact]
    public void Rectangle_OffTheSubCellGrid_CoversTheSubCellsItOverlaps()
    {
        // x 2.35..4.75, y 6.25..8.65 (rows counted from the top: row 1 is y 8..9).
        var coverage = new PolygonCoverage([[(2.35, 6.25), (4.75, 6.25), (4.75, 8.65), (2.35, 8.65)]]).Compute(Grid);

        Assert.Equal(0.7f * 0.7f, At(coverage, 2, 1), 5); // x 2.3..3 (7 sub-cells), y 8..8.7 (7)
        Assert.Equal(1f, At(coverage, 3, 2), 5);
        Assert.Equal(0.8f * 0.8f, At(coverage, 4, 3), 5); // x 4..4.8, y 6.2..7
        Assert.Equal(0f, At(coverage, 5, 2));
        Assert.Equal(9, coverage.Count(c => c > 0));
    }

    [Fact]
    public void Hole_IsCutOut_AndItsEdgesTouchTheirSubCells()
    {
        var outer = new[] { (1.0, 1.0), (9.0, 1.0), (9.0, 9.0), (1.0, 9.0) };
        var hole = new[] { (3.05, 3.05), (6.95, 3.05), (6.95, 6.95), (3.05, 6.95) };

        var coverage = new PolygonCoverage([outer, hole]).Compute(Grid);

        Assert.Equal(0f, At(coverage, 4, 5)); // x 4..5, y 4..5: inside the hole
        Assert.Equal(1f, At(coverage, 1, 1));
        Assert.Equal(1 - 0.9f, At(coverage, 3, 5), 5); // x 3..4: only the sub-cell column the hole's edge crosses
    }

    [Fact]
    public void Triangle_CoversAtLeastItsArea_AndAtMostOneSubCellMoreAlongItsEdges()
    {
        var coverage = new PolygonCoverage([[(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]]).Compute(Grid);

        var total = coverage.Sum();
        Assert.InRange(total, 50, 50 + 10 * Math.Sqrt(2) * 0.1 * 2);
        Assert.Equal(1f, At(coverage, 0, 9));
        Assert.True(At(coverage, 9, 0) == 0); // x 9..10, y 9..10: beyond the hypotenuse
    }
}
