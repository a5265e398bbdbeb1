using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Raster.Tests.Tiling;

public class ZoomTests
{
    private static readonly TileMatrixSet WebMercator = TileBoundsTests.Registry.Get("WebMercatorQuad");

    [Theory]
    [InlineData(10, ZoomStrategy.Auto, "14")]     // z13 19.11 m, z14 9.55 m: 9.55 is closer in ratio
    [InlineData(10, ZoomStrategy.Lower, "13")]
    [InlineData(10, ZoomStrategy.Upper, "14")]
    [InlineData(15, ZoomStrategy.Auto, "13")]     // 19.11/15 = 1.27 < 15/9.55 = 1.57
    [InlineData(38.21851414258813, ZoomStrategy.Lower, "12")] // exactly z12
    [InlineData(1e7, ZoomStrategy.Auto, "0")]
    [InlineData(0.001, ZoomStrategy.Lower, "24")]
    public void MatrixForResolution_FollowsMorecantile(double resolution, ZoomStrategy strategy, string expected) =>
        Assert.Equal(expected, Zoom.ForResolution(WebMercator.Matrices, resolution, strategy).Id);

    [Fact]
    public void MatrixForResolution_UsesTheSetsOwnIds() =>
        Assert.Equal("-10", Zoom.ForResolution(TileBoundsTests.Registry.Get("CDB1GlobalGrid").Matrices, 5, ZoomStrategy.Auto).Id);

    [Fact]
    public void ZoomRange_OfADatasetInTheSetsCrs()
    {
        // 4096×4096 pixels of exactly z14's size: the whole dataset fits one 256 tile 4 levels up (factor 16)
        var res = WebMercator.GetMatrix(14).CellSize;
        var bounds = new Bounds(0, 0, 4096 * res, 4096 * res);
        var (min, max) = WebMercator.ZoomRange(CrsRegistry.Default.Resolve("EPSG:3857"), bounds, 4096, 4096, CrsRegistry.Default);
        Assert.Equal(("10", "14"), (min.Id, max.Id));
    }

    [Fact]
    public void ZoomRange_OfAUtmSentinel2Tile()
    {
        // 10 m UTM pixels near 46.5°N are about 14.5 m in Web Mercator: closest z13 (19.1 m); 10980 px → factor 64 → 928 m: z7
        var (min, max) = WebMercator.ZoomRange(CrsRegistry.Default.Resolve("EPSG:32631"), new Bounds(399960, 5090220, 509760, 5200020), 10980, 10980, CrsRegistry.Default);
        Assert.Equal(("7", "13"), (min.Id, max.Id));
    }

    [Fact]
    public void SuggestedWarp_KeepsTheDiagonalPixelCount()
    {
        var t = CrsRegistry.Default.CreateTransform(CrsRegistry.Crs84, CrsRegistry.Crs84);
        var (res, w, h) = Zoom.SuggestedWarp(t, new Bounds(0, 0, 2, 1), 200, 100);
        Assert.Equal((0.01, 200, 100), (Math.Round(res, 12), w, h));
    }
}
