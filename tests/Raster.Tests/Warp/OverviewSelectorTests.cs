using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class OverviewSelectorTests
{
    private static readonly RasterLevel[] Levels =
    [
        new(512, 512, 256, 256, default),
        new(256, 256, 256, 256, default),
        new(128, 128, 128, 128, default),
        new(64, 64, 64, 64, default),
    ];

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1.0, 0)]
    [InlineData(1.5, 0)]
    [InlineData(1.99, 0)] // still finer than level 1: GDAL keeps the finer level
    [InlineData(2.0, 1)] // an exact factor matches its level (GDAL's 0.1 tolerance)
    [InlineData(2.05, 1)]
    [InlineData(3.0, 1)]
    [InlineData(4.0, 2)]
    [InlineData(7.99, 2)]
    [InlineData(8.0, 3)]
    [InlineData(100, 3)] // coarser than every overview: the coarsest
    [InlineData(double.NaN, 0)]
    public void ChooseLevel_FollowsGdalwarpAuto(double ratio, int expected) =>
        Assert.Equal(expected, OverviewSelector.ChooseLevel(Levels, ratio));

    [Fact]
    public void ChooseLevel_WithoutOverviews_IsFullResolution() =>
        Assert.Equal(0, OverviewSelector.ChooseLevel([Levels[0]], 10));

    [Fact]
    public void TargetRatio_IsSourceDiagonalOverTransformedDiagonal()
    {
        // A 512×512 source whose corners land 256 target pixels apart on each axis: 2 source pixels per target pixel.
        Assert.Equal(2.0, OverviewSelector.TargetRatio(512, 512, (10, 20), (266, 276)), 12);
        // Non-square: 400×300 (diagonal 500) onto a 100-pixel diagonal.
        Assert.Equal(5.0, OverviewSelector.TargetRatio(400, 300, (0, 0), (60, 80)), 12);
    }

    [Fact]
    public void ChooseLevel_FromGeometry_UsesTheDiagonalOfTheFullResolutionLevel()
    {
        var crs = OgcTiler.Raster.Crs.CrsRegistry.Default;
        var utm = crs.Resolve("EPSG:32631");
        var levels = new[]
        {
            new RasterLevel(512, 512, 256, 256, new GeoTransform(400000, 20, 0, 5000000, 0, -20)),
            new RasterLevel(256, 256, 256, 256, new GeoTransform(400000, 40, 0, 5000000, 0, -40)),
            new RasterLevel(128, 128, 128, 128, new GeoTransform(400000, 80, 0, 5000000, 0, -80)),
        };
        // Same CRS, 50 m target pixels: 2.5 source pixels per target pixel → level 1 (factor 2).
        var target = new GeoTransform(400000, 50, 0, 5000000, 0, -50).Inverse();
        Assert.Equal(1, WarpGeometry.ChooseLevel(levels, crs.CreateTransform(utm, utm), target));
        // 170 m: 8.5 → coarsest available.
        Assert.Equal(2, WarpGeometry.ChooseLevel(levels, crs.CreateTransform(utm, utm), new GeoTransform(400000, 170, 0, 5000000, 0, -170).Inverse()));
    }
}
