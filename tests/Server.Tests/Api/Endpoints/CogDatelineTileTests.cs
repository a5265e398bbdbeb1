using System.Net;
using OgcTiler.Server.Tests.Rendering;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// Tiles of a dataset that crosses the antimeridian, ported from rio-tiler tests/test_io_rasterio.py (test_dateline:
/// tiles x=0 and x=255 of zoom 8 both read cog_dateline.tif). dateline.tif (make-dateline-cog.sh) is UTM 1N across
/// 180°, its value column·4 + row; 180° falls in column 13, so the tiles east of the line (x = 0) hold columns 13 and
/// up and the tiles west of it (the last x) columns 13 and below. Checked by hand against gdalwarp: same valid pixels.
/// </summary>
public sealed class CogDatelineTileTests : IAsyncLifetime
{
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "dateline.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    [Theory]
    [InlineData("WebMercatorQuad", 8, 255, 127)]
    [InlineData("WebMercatorQuad", 5, 31, 15)]
    [InlineData("WebMercatorQuad", 2, 3, 1)]
    [InlineData("WorldCRS84Quad", 5, 63, 15)]
    public async Task TileWestOfTheAntimeridian_HoldsTheColumnsBefore180(string tms, int z, int x, int y)
    {
        var values = await ValidValuesAsync(tms, z, x, y);

        Assert.NotEmpty(values);
        Assert.InRange(values.Max(), 0, 13 * 4 + 31); // column 13 or before, any row
    }

    [Theory]
    [InlineData("WebMercatorQuad", 8, 0, 127)]
    [InlineData("WebMercatorQuad", 5, 0, 15)]
    [InlineData("WorldCRS84Quad", 5, 0, 15)]
    public async Task TileEastOfTheAntimeridian_HoldsTheColumnsAfter180(string tms, int z, int x, int y)
    {
        var values = await ValidValuesAsync(tms, z, x, y);

        Assert.NotEmpty(values);
        Assert.InRange(values.Min(), 13 * 4, 31 * 4 + 31); // column 13 or after
    }

    [Fact]
    public async Task TileAwayFromTheData_IsOutsideBounds()
    {
        var response = await _cogs.Client.GetAsync("/cog/tiles/WebMercatorQuad/5/15/15.png?url=data/dateline.tif");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<List<int>> ValidValuesAsync(string tms, int z, int x, int y)
    {
        var response = await _cogs.Client.GetAsync($"/cog/tiles/{tms}/{z}/{x}/{y}.png?url=data/dateline.tif&tilesize=256");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var png = PngSamples.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, png.ColourType); // grey + alpha: the mask travels with the value
        List<int> values = [];
        for (var i = 0; i < png.Width * png.Height; i++)
        {
            if (png.Samples[i * 2 + 1] > 0)
                values.Add(png.Samples[i * 2]);
        }
        return values;
    }
}
