using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OgcTiler.TestSupport;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog end to end through the real raster engine on files whose overviews and mask live in sidecars (.ovr, .msk,
/// .msk.ovr) and on a file georeferenced by ground control points alone (tests/data/masks, tests/data/gcps); their
/// pixels are compared with gdalwarp in the raster engine's tests.
/// </summary>
public sealed class CogSidecarGcpEndpointTests : IDisposable
{
    private readonly ServerFactory _server = new(ServerFactory.DemoConfig(), opener: null);
    private readonly HttpClient _client;

    public CogSidecarGcpEndpointTests()
    {
        foreach (var suffix in new[] { "", ".ovr", ".msk", ".msk.ovr" })
            File.Copy(RepoPaths.Data("masks", "files", "msk_ovr.tif" + suffix), _server.DataPath("msk_ovr.tif" + suffix));
        File.Copy(RepoPaths.Data("gcps", "files", "gcp_order2.tif"), _server.DataPath("gcp_order2.tif"));
        _client = _server.CreateClient();
    }

    [Fact]
    public async Task Info_SidecarFile_ListsTheOvrOverviewsAndTheMsk()
    {
        var info = await _client.GetFromJsonAsync<JsonElement>("/cog/info?url=data/msk_ovr.tif");

        Assert.Equal([2, 4], info.GetProperty("overviews").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("Mask", info.GetProperty("nodata_type").GetString());
    }

    [Fact]
    public async Task Tile_GcpFile_IsDrawnWithItsFootprint()
    {
        var tileJson = await _client.GetFromJsonAsync<JsonElement>("/cog/WebMercatorQuad/tilejson.json?url=data/gcp_order2.tif");
        var zoom = tileJson.GetProperty("maxzoom").GetInt32();
        var b = tileJson.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var (x, y) = TileOf((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, zoom);

        var response = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/{zoom}/{x}/{y}.png?url=data/gcp_order2.tif");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        var opaque = Enumerable.Range(0, image.Width * image.Height).Count(i => image.GetPixel(i % image.Width, i / image.Width).Alpha == 255);
        Assert.True(opaque > 0, "the tile at the centre of the GCP file's bounds shows none of it");
    }

    private static (int X, int Y) TileOf(double lon, double lat, int zoom)
    {
        var n = 1 << zoom;
        var latRad = lat * Math.PI / 180;
        return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(latRad) + 1 / Math.Cos(latRad)) / Math.PI) / 2 * n));
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }
}
