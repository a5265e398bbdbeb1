using System.Text.Json;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// The documents of a dataset across the antimeridian (dateline.tif, make-dateline-cog.sh: UTM 1N over 180°, as
/// rio-tiler's cog_dateline.tif of tests/test_io_rasterio.py::test_dateline). rio-tiler's get_geographic_bounds gives
/// rasterio's transform_bounds (densify_pts=21), west &gt; east: GDAL's OCTTransformBounds on this file gives
/// 179.40653664, 0, -179.15630678, 1.44653496 (osgeo.osr CoordinateTransformation.TransformBounds(..., 21)). TiTiler's
/// tilejson, /bounds and tileset documents pass it on; its tms_limits then spans every column of a matrix; Info keeps
/// the dataset's own bounds and CRS.
/// </summary>
public sealed class CogDatelineBoundsTests : IAsyncLifetime
{
    private static readonly double[] Expected = [179.40653664, 0, -179.15630678, 1.44653496];

    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "dateline.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private async Task<JsonElement> GetAsync(string path) =>
        JsonDocument.Parse(await _cogs.Client.GetStringAsync(path + (path.Contains('?') ? "&" : "?") + "url=data/dateline.tif")).RootElement;

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void AssertExpected(double[] bounds)
    {
        Assert.Equal(4, bounds.Length);
        for (var i = 0; i < 4; i++)
            Assert.Equal(Expected[i], bounds[i], 1e-6);
    }

    [Theory]
    [InlineData("WebMercatorQuad", 5)]
    [InlineData("WorldCRS84Quad", 4)]
    public async Task TileJson_BoundsWestOfEast_CentreOnTheAntimeridian(string tms, int zoom)
    {
        var body = await GetAsync($"/cog/{tms}/tilejson.json");

        AssertExpected(Numbers(body.GetProperty("bounds")));
        Assert.Equal(zoom, body.GetProperty("minzoom").GetInt32());
        Assert.Equal(zoom, body.GetProperty("maxzoom").GetInt32());
        // TiTiler averages the longitudes (0.125°, the far side of the Earth); the middle of 179.41..180.84 is kept.
        var center = Numbers(body.GetProperty("center"));
        Assert.Equal(-179.874885, center[0], 1e-5);
        Assert.Equal(0.72326748, center[1], 1e-6);
        Assert.Equal(zoom, center[2]);
    }

    [Fact]
    public async Task Bounds_AreWestOfEast_InCrs84()
    {
        var body = await GetAsync("/cog/bounds");

        AssertExpected(Numbers(body.GetProperty("bounds")));
        Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", body.GetProperty("crs").GetString());
        AssertExpected(Numbers((await GetAsync("/cog/bounds?crs=EPSG:4326")).GetProperty("bounds")));
    }

    [Fact] // rio-tiler Reader.info: "bounds": self.bounds, the dataset's own (UTM 1N), which do not cross anything
    public async Task Info_GivesTheDatasetBoundsInItsCrs()
    {
        var body = await GetAsync("/cog/info");

        Assert.Equal([100000, 0, 260000, 160000], Numbers(body.GetProperty("bounds")));
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/32601", body.GetProperty("crs").GetString());
    }

    [Theory]
    [InlineData("WebMercatorQuad", "5", 15, 32)]
    [InlineData("WorldCRS84Quad", "4", 7, 32)]
    public async Task TileSet_LimitsSpanEveryColumn(string tms, string matrix, int row, int columns)
    {
        var body = await GetAsync($"/cog/tiles/{tms}");

        var box = body.GetProperty("boundingBox");
        AssertExpected([.. Numbers(box.GetProperty("lowerLeft")), .. Numbers(box.GetProperty("upperRight"))]);
        var limits = Assert.Single(body.GetProperty("tileMatrixSetLimits").EnumerateArray());
        Assert.Equal(matrix, limits.GetProperty("tileMatrix").GetString());
        Assert.Equal([row, row, 0, columns - 1],
            new[] { "minTileRow", "maxTileRow", "minTileCol", "maxTileCol" }.Select(n => limits.GetProperty(n).GetInt32()));
        var list = await GetAsync("/cog/tiles");
        var listed = list.GetProperty("tilesets").EnumerateArray().First().GetProperty("boundingBox");
        AssertExpected([.. Numbers(listed.GetProperty("lowerLeft")), .. Numbers(listed.GetProperty("upperRight"))]);
    }
}
