using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Sources;

internal static class GridMargin
{
    /// <summary>The grid with <paramref name="pixels"/> more pixels of the same size on every side.</summary>
    public static TargetGrid Grow(TargetGrid grid, int pixels) => pixels == 0 ? grid : grid with
    {
        MinX = grid.MinX - pixels * grid.ResolutionX,
        MaxX = grid.MaxX + pixels * grid.ResolutionX,
        MinY = grid.MinY - pixels * grid.ResolutionY,
        MaxY = grid.MaxY + pixels * grid.ResolutionY,
        Width = grid.Width + 2 * pixels,
        Height = grid.Height + 2 * pixels,
    };
}
