using System.IO.Compression;
using System.Net;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// Whole-world EPSG:4326 Float64 COGs at −180..180° and 0..360° (nodata −9999.5, make-world-cogs.sh) drawn in
/// WebMercatorQuad at zooms 0 and 1, each tile compared with gdalwarp's (nearest): beyond ±85.05° is clipped and the
/// 0..360° file wraps as GDAL's CENTER_LONG does.
/// </summary>
public sealed class WorldCogEndpointTests : IAsyncLifetime
{
    private const float Nodata = -9999.5f;
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "world-180.tif", "world-360.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    [Theory]
    [InlineData("world-180", 0, 0, 0)]
    [InlineData("world-180", 1, 0, 0)]
    [InlineData("world-180", 1, 1, 0)]
    [InlineData("world-180", 1, 0, 1)]
    [InlineData("world-180", 1, 1, 1)]
    [InlineData("world-360", 0, 0, 0)]
    [InlineData("world-360", 1, 0, 0)]
    [InlineData("world-360", 1, 1, 0)]
    [InlineData("world-360", 1, 0, 1)]
    [InlineData("world-360", 1, 1, 1)]
    public async Task Tile_MatchesGdalwarp(string name, int z, int x, int y)
    {
        var response = await _cogs.Client.GetAsync($"/cog/tiles/WebMercatorQuad/{z}/{x}/{y}.npy?url=data/{name}.tif");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        var npy = NpyFile.Parse(bytes);
        Assert.Equal([2, 256, 256], npy.Shape);
        var expected = Reference($"{name}-{z}-{x}-{y}.f32.gz");
        const int n = 256 * 256;
        int maskAgree = 0, valid = 0, within = 0;
        for (var i = 0; i < n; i++)
        {
            var ours = npy.Values[n + i] != 0;
            var gdal = expected[i] != Nodata;
            if (ours == gdal)
                maskAgree++;
            if (ours && gdal)
            {
                valid++;
                if (Math.Abs(npy.Values[i] - expected[i]) <= 1)
                    within++;
            }
        }
        Assert.True(valid > n / 2, $"only {valid} pixels valid in both");
        Assert.True(maskAgree >= 0.999 * n, $"mask agrees on {maskAgree} of {n} pixels");
        Assert.True(within >= 0.999 * valid, $"{within} of {valid} valid pixels within 1 DN of gdalwarp's");
    }

    private static float[] Reference(string file)
    {
        using var stream = new GZipStream(File.OpenRead(RealCogs.Path(file)), CompressionMode.Decompress);
        var raw = new byte[256 * 256 * 4];
        stream.ReadExactly(raw);
        return Enumerable.Range(0, 256 * 256).Select(i => BitConverter.ToSingle(raw, 4 * i)).ToArray();
    }
}
