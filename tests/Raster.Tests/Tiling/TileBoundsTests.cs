using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Raster.Tests.Tiling;

public class TileBoundsTests
{
    private const double WebMercatorHalf = 20037508.342789244;

    internal static readonly TileMatrixSetRegistry Registry = TileMatrixSetRegistry.Load(null, CrsRegistry.Default);

    [Theory]
    [InlineData("WebMercatorQuad", 1, 0, 0, -WebMercatorHalf, 0, 0, WebMercatorHalf)]
    [InlineData("WebMercatorQuad", 1, 1, 1, 0, -WebMercatorHalf, WebMercatorHalf, 0)]
    [InlineData("WorldCRS84Quad", 0, 0, 0, -180, -90, 0, 90)]
    [InlineData("WorldCRS84Quad", 0, 1, 0, 0, -90, 180, 90)]
    [InlineData("WorldCRS84Quad", 1, 3, 1, 90, -90, 180, 0)]
    [InlineData("WGS1984Quad", 0, 1, 0, 0, -90, 180, 90)] // pointOfOrigin is [90, -180] (lat, lon)
    [InlineData("WGS1984Quad", 2, 0, 0, -180, 45, -135, 90)]
    [InlineData("UTM31WGS84Quad", 1, 0, 0, -9501965.72931276, 0, 10501965.72931276, 20003931.4586255)]
    [InlineData("UTM31WGS84Quad", 1, 0, 1, -9501965.72931276, -20003931.4586255, 10501965.72931276, 0)]
    [InlineData("EuropeanETRS89_LAEAQuad", 0, 0, 0, 2000000, 1000000, 6500000, 5500000)] // origin [5500000, 2000000] is (Y, X)
    [InlineData("EuropeanETRS89_LAEAQuad", 1, 1, 0, 4250000, 3250000, 6500000, 5500000)]
    [InlineData("UPSArcticWGS84Quad", 0, 0, 0, -14440759.350252, -14440759.3442, 18440759.3442, 18440759.350252)]
    [InlineData("UPSAntarcticWGS84Quad", 1, 1, 1, 1999999.999508, -14440759.349268, 18440759.349268, 2000000.000492)]
    [InlineData("CDB1GlobalGrid", -10, 0, 0, -180, 89, -168, 90)]    // row 0 coalesces 12 columns
    [InlineData("CDB1GlobalGrid", -10, 5, 0, -180, 89, -168, 90)]    // any column of the group names the same tile
    [InlineData("CDB1GlobalGrid", -10, 12, 0, -168, 89, -156, 90)]
    [InlineData("CDB1GlobalGrid", -10, 2, 20, -178, 69, -176, 70)]   // rows 20..39 coalesce 2
    [InlineData("CDB1GlobalGrid", -10, 10, 100, -170, -11, -169, -10)]
    [InlineData("CDB1GlobalGrid", -10, 348, 179, 168, -90, 180, -89)]
    public void TileBounds_OfKnownTiles(string tms, int z, int x, int y, double minX, double minY, double maxX, double maxY)
    {
        var b = Registry.Get(tms).TileBounds(z, x, y);
        Assert.Equal(minX, b.MinX, 3);
        Assert.Equal(minY, b.MinY, 3);
        Assert.Equal(maxX, b.MaxX, 3);
        Assert.Equal(maxY, b.MaxY, 3);
    }

    [Fact]
    public void TileGrid_IsTheTileBoundsAtTheTileSize()
    {
        var grid = Registry.Get("WebMercatorQuad").TileGrid(1, 1, 0);
        Assert.Equal(new TargetGrid("EPSG:3857", 0, 0, WebMercatorHalf, WebMercatorHalf, 256, 256), grid);
        Assert.Equal("OGC:CRS84", Registry.Get("WorldCRS84Quad").TileGrid(0, 0, 0).Crs);
    }

    [Theory]
    [InlineData("WebMercatorQuad", 1, 1, 1, true)]
    [InlineData("WebMercatorQuad", 1, 2, 0, false)]
    [InlineData("WebMercatorQuad", 1, 0, -1, false)]
    [InlineData("WebMercatorQuad", 25, 0, 0, false)]
    [InlineData("WorldCRS84Quad", 0, 1, 0, true)]
    [InlineData("WorldCRS84Quad", 0, 0, 1, false)]
    [InlineData("UTM31WGS84Quad", 0, 0, 0, false)] // its first matrix is "1"
    [InlineData("CDB1GlobalGrid", -10, 359, 179, true)]
    public void TryGetMatrixAndContains_CheckMatrixAndRange(string tms, int z, int x, int y, bool expected) =>
        Assert.Equal(expected, Registry.Get(tms).TryGetMatrix(z, out var m) && m.Contains(x, y));

    [Fact]
    public void TileBounds_OutsideTheSet_IsNotFoundWithTheRange()
    {
        var tms = Registry.Get("WebMercatorQuad");
        var e = Assert.Throws<ResourceNotFoundException>(() => tms.TileBounds(2, 4, 0));
        Assert.Contains("0..3", e.Message);
        e = Assert.Throws<ResourceNotFoundException>(() => tms.TileBounds(30, 0, 0));
        Assert.Contains("0..24", e.Message);
    }

    [Fact]
    public void TilesCovering_ReturnsTheIntersectingTiles()
    {
        var m = Registry.Get("WebMercatorQuad").GetMatrix(2);
        // the north-east quarter, exactly on tile edges: tiles that only touch it are left out
        var tiles = m.TilesCovering(new Bounds(0, 0, WebMercatorHalf, WebMercatorHalf)).ToArray();
        Assert.Equal([(2, 0), (3, 0), (2, 1), (3, 1)], tiles);
        Assert.Equal([(1, 1)], m.TilesCovering(new Bounds(-1000, 1000, -500, 2000)));
        Assert.Empty(m.TilesCovering(new Bounds(3e7, 0, 4e7, 1)));
    }

    [Fact]
    public void TilesCovering_InCoalescedRows_NamesEachGroupOnce()
    {
        var m = Registry.Get("CDB1GlobalGrid").GetMatrix(-10);
        var tiles = m.TilesCovering(new Bounds(-175, 88.5, -160, 89.9)).ToArray();
        // row 0 coalesces 12 columns (-180..-168, -168..-156), row 1 coalesces 6 (-160 lies in -162..-156)
        Assert.Equal([(0, 0), (12, 0), (0, 1), (6, 1), (12, 1), (18, 1)], tiles);
    }
}
