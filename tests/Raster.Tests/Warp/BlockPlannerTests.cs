using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class BlockPlannerTests
{
    private static readonly RasterLevel Level = new(1000, 700, 256, 256, default);

    [Fact]
    public void Plan_ListsTheBlocksAWindowTouches_RowByRow()
    {
        var blocks = BlockPlanner.Plan(Level, new SourceWindow(250, 10, 20, 300));
        Assert.Equal([new(0, 0), new(1, 0), new(0, 1), new(1, 1)], blocks);
    }

    [Fact]
    public void Plan_AWindowInsideOneBlock_IsThatBlock() =>
        Assert.Equal([new BlockIndex(2, 1)], BlockPlanner.Plan(Level, new SourceWindow(512, 256, 256, 256)));

    [Fact]
    public void Plan_TheLastPartialBlocks_AreIncluded() =>
        Assert.Equal([new BlockIndex(3, 2)], BlockPlanner.Plan(Level, new SourceWindow(900, 600, 100, 100)));

    [Fact]
    public void Plan_AnEmptyWindow_ReadsNothing() =>
        Assert.Empty(BlockPlanner.Plan(Level, default));

    [Theory]
    [InlineData(10.2, 20.7, 30.5, 40.1, 0, 10, 20, 21, 21)]
    [InlineData(10.2, 20.7, 30.5, 40.1, 2, 8, 18, 25, 25)]
    [InlineData(-5, -5, 3.5, 3.5, 1, 0, 0, 5, 5)] // clipped at the origin
    [InlineData(990.5, 690.5, 1200, 800, 1, 989, 689, 11, 11)] // clipped at the far edges
    public void SourceWindow_Covering_WidensByTheRadiusAndClips(double minX, double minY, double maxX, double maxY, int radius, int x, int y, int width, int height) =>
        Assert.Equal(new SourceWindow(x, y, width, height), SourceWindow.Covering(minX, minY, maxX, maxY, radius, 1000, 700));

    [Fact]
    public void SourceWindow_Covering_OutsideTheLevel_IsEmpty() =>
        Assert.True(SourceWindow.Covering(1200, 10, 1300, 20, 1, 1000, 700).IsEmpty);
}
