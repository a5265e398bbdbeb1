using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Warp;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>
/// Rasters georeferenced only by ground control points (tests/data/gcps, made by make-gcps.sh; PixelIsPoint ones too):
/// read onto WebMercator grids through the polynomial gdalwarp fits by default (order 1 below six points, else 2),
/// refitted to an overview's pixels on a coarse grid, compared with gdalwarp's output for the same grid.
/// </summary>
public sealed class GcpWarpTests(ITestOutputHelper output)
{
    private static readonly GoldenWarpCases Golden = new("gcps");

    public static TheoryData<string, string> Warps() => Golden.Warps();

    [Theory]
    [MemberData(nameof(Warps))]
    public async Task Read_MatchesGdalwarp(string name, string kernel)
    {
        var c = Golden.Case(name);
        var method = GoldenWarpCases.MethodOf(kernel);
        var dataset = await Golden.OpenSourceAsync(c);
        Assert.Equal(c.GetProperty("order").GetInt32(), dataset.Levels[0].Gcps!.Order);
        Assert.Equal(c.GetProperty("overviews").GetInt32(), dataset.Info.Overviews.Count);

        using var data = await dataset.ReadAsync(GoldenWarpCases.GridOf(c), null, new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var (expected, expectedMask) = await Golden.ReadExpectedAsync(name, kernel);
        WarpAgreement.AssertMatches(data, expected, expectedMask!, method, $"{name} {kernel}", output);
    }

    [Fact]
    public void Fit_ExactPoints_ReproducesThemBothWays()
    {
        // a quadratic model sampled at nine points: the order-2 fit is exact, forward and back
        static (double, double) Model(double p, double l) => (1000 + 30 * p + 0.1 * p * p, 5000 - 30 * l + 0.02 * p * l);
        var gcps = new List<Gcp>();
        foreach (var l in new[] { 0.0, 40, 80 })
            foreach (var p in new[] { 0.0, 40, 80 })
            {
                var (x, y) = Model(p, l);
                gcps.Add(new Gcp(p, l, x, y));
            }
        var fit = GcpTransform.Fit("test", gcps, 2);

        var (fx, fy) = fit.PixelToWorld(13, 57);
        var (ex, ey) = Model(13, 57);
        Assert.Equal(ex, fx, 6);
        Assert.Equal(ey, fy, 6);
        var (bp, bl) = fit.WorldToPixel(gcps[4].X, gcps[4].Y);
        Assert.Equal(40, bp, 2);
        Assert.Equal(40, bl, 2);
    }

    [Fact]
    public void Fit_CollinearPoints_RefusedNamingThem()
    {
        Gcp[] gcps = [new(0, 0, 0, 0), new(10, 10, 100, 100), new(20, 20, 200, 200), new(30, 30, 300, 300)];

        var e = Assert.Throws<RasterFormatException>(() => GcpTransform.Fit("line.tif", gcps, 1));

        Assert.Contains("ground control points are degenerate", e.Problem);
    }

    [Fact]
    public void Fit_TooFewPointsForTheOrder_Refused()
    {
        Gcp[] gcps = [new(0, 0, 0, 0), new(10, 0, 100, 0), new(0, 10, 0, -100), new(10, 10, 100, -100)];

        var e = Assert.Throws<RasterFormatException>(() => GcpTransform.Fit("four.tif", gcps, 2));

        Assert.Contains("4 ground control points cannot fit a polynomial of order 2 (at least 6 needed)", e.Problem);
    }
}
