using System.Net;
using OgcTiler.TestSupport;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Layers;

/// <summary>
/// End to end on the shipped config and demo data with the real raster engine; the reference is gdalwarp's nearest
/// warp of the same tile (gdal-bin, installed by .ci/run).
/// </summary>
public sealed class DemoLayerTests : IClassFixture<DemoServer>
{
    private readonly ServerFactory _server;

    public DemoLayerTests(DemoServer demo) => _server = demo.Server;

    [Theory]
    [InlineData(11, 1198, 848)]   // overview level
    [InlineData(13, 4795, 3395)]  // full resolution, inside the data
    [InlineData(12, 2396, 1698)]  // crosses the nodata corner
    public async Task RedBandTile_MatchesGdalwarpNearest(int z, int x, int y)
    {
        var response = await _server.CreateClient().GetAsync($"/layers/s2/tiles/WebMercatorQuad/{z}/{x}/{y}.png?style=red");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tile = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync(), new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Unpremul));

        var reference = await GdalwarpBand3(z, x, y);
        var same = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var pixel = tile.GetPixel(i % 256, i / 256);
            var expected = reference[i] == 0 ? (byte)0 : (byte)Math.Min(255, reference[i] / 6000.0 * 255);
            var expectedAlpha = reference[i] == 0 ? 0 : 255;
            if (pixel.Alpha == expectedAlpha && (expectedAlpha == 0 || pixel.Red == expected))
                same++;
        }
        Assert.True(same >= 0.99 * reference.Length, $"{same} of {reference.Length} pixels equal gdalwarp's");
    }

    [Fact]
    public async Task Layers_ListsTheDemoLayers()
    {
        var json = await _server.CreateClient().GetStringAsync("/layers");

        Assert.Contains("\"id\":\"s2\"", json);
        Assert.Contains("\"id\":\"rgb\"", json);
    }

    private static async Task<ushort[]> GdalwarpBand3(int z, int x, int y)
    {
        const double half = 20037508.342789244;
        var size = 2 * half / (1 << z);
        var minX = -half + x * size;
        var maxY = half - y * size;
        var output = Path.Combine(Path.GetTempPath(), $"ogctiler-ref-{Guid.NewGuid():N}.bin");
        var band3 = Path.ChangeExtension(output, ".vrt");
        try
        {
            // gdalwarp 3.6 has no -b: select the band through a VRT (which keeps the file's overviews)
            await Run("gdal_translate", "-q", "-of", "VRT", "-b", "3", Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif"), band3);
            await Run("gdalwarp", "-q", "-of", "ENVI", "-t_srs", "EPSG:3857", "-r", "near", "-ts", "256", "256",
                "-te", F(minX), F(maxY - size), F(minX + size), F(maxY), "-dstnodata", "0", band3, output);
            var bytes = await File.ReadAllBytesAsync(output);
            var values = new ushort[256 * 256];
            Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 2);
            return values;
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(output) + "*"))
                File.Delete(f);
        }
    }

    private static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static Task Run(string program, params string[] args) => ExternalProcess.RunCheckedAsync(program, args);
}
