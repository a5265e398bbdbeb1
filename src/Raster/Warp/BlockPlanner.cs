namespace OgcTiler.Raster.Warp;

/// <summary>Which blocks of a level a source window touches: pure arithmetic.</summary>
internal static class BlockPlanner
{
    /// <summary>The blocks covering <paramref name="window"/>, row by row, left to right (the file's usual order).</summary>
    public static IReadOnlyList<BlockIndex> Plan(RasterLevel level, SourceWindow window)
    {
        if (window.IsEmpty)
            return [];
        var firstX = window.X / level.BlockWidth;
        var firstY = window.Y / level.BlockHeight;
        var lastX = Math.Min(level.BlocksAcross, (window.Right + level.BlockWidth - 1) / level.BlockWidth) - 1;
        var lastY = Math.Min(level.BlocksDown, (window.Bottom + level.BlockHeight - 1) / level.BlockHeight) - 1;
        var blocks = new List<BlockIndex>((lastX - firstX + 1) * (lastY - firstY + 1));
        for (var y = firstY; y <= lastY; y++)
        {
            for (var x = firstX; x <= lastX; x++)
                blocks.Add(new BlockIndex(x, y));
        }
        return blocks;
    }
}
