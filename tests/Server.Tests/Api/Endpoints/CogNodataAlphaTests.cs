using System.Globalization;
using System.Text.Json;
using OgcTiler.Server.Tests.Rendering;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// An RGBA COG with partial alpha (make_rgba_cog.py rgba_partial.tif) under a nodata value, as rio-tiler 9 reads it
/// (reader.py <c>read</c>: with a nodata, from the <c>nodata</c> parameter or the file, the alpha branch is skipped:
/// no alpha_mask and <c>data.mask = data == nodata</c>). Preview, statistics and reads in the file's CRS see the nodata
/// alone; reprojected reads (bbox, tiles) go through a WarpedVRT, whose warper still leaves transparent pixels out
/// while partly transparent ones become valid; <c>point</c> with a nodata parameter reads through a WarpedVRT too
/// (reader.py <c>point</c>), without one plainly. Every expectation here was checked by running rio-tiler 9.4.2's
/// reader.py (rasterio 1.3.5, GDAL 3.6.2) on these files. No pixel has all three bands 0, so nodata 0 masks none.
/// </summary>
public sealed class CogNodataAlphaTests : IAsyncLifetime
{
    private const int W = RealCogs.Width, H = RealCogs.Height, N = W * H;
    private static readonly byte[] Rgba = RealCogs.Bytes("rgba_partial.u8"); // band-sequential R, G, B, alpha
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() =>
        _cogs = await RealCogs.StartAsync(plugins: true, "rgba_partial.tif", "rgba_nodata.tif", "rgba_nodata_out_of_range.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static byte Alpha(int p) => Rgba[3 * N + p];

    private Task<byte[]> GetAsync(string path) => _cogs.GetOkAsync(path);

    [Fact]
    public async Task PreviewNpy_UnderNodata_MaskBandIsTheNodataMaskAlone()
    {
        var npy = NpyFile.Parse(await GetAsync("/cog/preview.npy?url=data/rgba_partial.tif&max_size=128&bidx=1&nodata=171"));

        Assert.Equal([2, H, W], npy.Shape);
        for (var p = 0; p < N; p++)
        {
            Assert.Equal(Rgba[p] == 171 ? 0 : 255, npy.Values[N + p]);
            if (Rgba[p] != 171)
                Assert.Equal(Rgba[p], npy.Values[p]);
        }
        Assert.Contains(Enumerable.Range(0, N), p => Rgba[p] == 171 && Alpha(p) == 255);
    }

    [Theory]
    [InlineData("rgba_partial.tif&nodata=0")]
    [InlineData("rgba_nodata.tif")] // the file's own nodata, 0
    public async Task PreviewPng_UnderNodata_IsOpaqueWithTheColoursOfTransparentPixels(string source)
    {
        var png = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/{source}&max_size=128"));

        Assert.Equal((W, H, 6), (png.Width, png.Height, png.ColourType));
        for (var p = 0; p < N; p++)
        {
            Assert.Equal(255, png.At(p % W, p / W, 3));
            Assert.Equal(Rgba[p], png.At(p % W, p / W, 0));
        }
    }

    [Theory]
    [InlineData("rgba_partial.tif&nodata=0", N)]
    [InlineData("rgba_nodata.tif", N)]
    [InlineData("rgba_nodata_out_of_range.tif", -1)] // nodata -10000 is none for uint8: only opaque pixels count
    public async Task Statistics_UnderNodata_CountEveryPixelTheNodataLeaves(string source, int expected)
    {
        var stats = JsonDocument.Parse(await GetAsync($"/cog/statistics?url=data/{source}")).RootElement;

        var valid = expected >= 0 ? expected : Enumerable.Range(0, N).Count(p => Alpha(p) == 255);
        for (var b = 1; b <= 3; b++)
            Assert.Equal(valid, stats.GetProperty($"b{b}").GetProperty("valid_pixels").GetDouble());
    }

    [Theory]
    [InlineData("rgba_nodata.tif", "Nodata", 0.0)]
    [InlineData("rgba_nodata_out_of_range.tif", "Alpha", null)]
    public async Task Info_NodataType(string file, string type, double? value)
    {
        var info = JsonDocument.Parse(await GetAsync($"/cog/info?url=data/{file}")).RootElement;

        Assert.Equal(type, info.GetProperty("nodata_type").GetString());
        Assert.Equal(value, info.GetProperty("nodata_value").ValueKind == JsonValueKind.Null ? null : info.GetProperty("nodata_value").GetDouble());
    }

    /// <summary>
    /// Pixel centres given in the file's CRS: (row 2, column 100) is transparent, (50, 10) has alpha 40. rio-tiler's
    /// point with a nodata parameter reads through a WarpedVRT, where the transparent pixel is not drawn (null) and the
    /// partly transparent one is valid; without the parameter a partly transparent pixel is masked, and a file's own
    /// nodata gives a plain read that sees every pixel.
    /// </summary>
    [Theory]
    [InlineData("rgba_partial.tif&nodata=0", 2, 100, null)]
    [InlineData("rgba_partial.tif&nodata=0", 50, 10, new[] { 63.0, 142, 168 })]
    [InlineData("rgba_partial.tif", 50, 10, null)]
    [InlineData("rgba_nodata.tif", 2, 100, new[] { 157.0, 46, 107 })]
    [InlineData("rgba_nodata.tif", 50, 10, new[] { 63.0, 142, 168 })]
    public async Task Point_UnderNodata_AsRioTilersPoint(string source, int row, int column, double[]? values)
    {
        var (x, y) = (RealCogs.X0 + (column + 0.5) * RealCogs.Resolution, RealCogs.Y0 - (row + 0.5) * RealCogs.Resolution);
        var point = JsonDocument.Parse(await GetAsync(
            FormattableString.Invariant($"/cog/point/{x},{y}?url=data/{source}&coord_crs=epsg:32631"))).RootElement;

        var got = point.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
        Assert.Equal(3, got.Length);
        if (values is null)
            Assert.All(got, Assert.Null);
        else
            Assert.Equal(values.Select(v => (double?)v), got);
        Assert.Equal(row == 2 ? 0 : 40, Alpha(row * W + column));
    }

    /// <summary>
    /// A bbox in EPSG:3857 under nodata 0: opaque wherever gdalwarp -t_srs EPSG:3857 of the file draws (its alpha
    /// above 0, rgba_partial.near.160.u8), transparent elsewhere, no partial alpha.
    /// </summary>
    [Fact]
    public async Task BboxPng_In3857_UnderNodata_IsOpaqueWhereverGdalwarpDraws()
    {
        var grid = JsonDocument.Parse(File.ReadAllText(RealCogs.Path("rgba_partial.json"))).RootElement.GetProperty("grids")[0];
        var (width, height) = (grid.GetProperty("width").GetInt32(), grid.GetProperty("height").GetInt32());
        var bounds = string.Join(',', grid.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture)));
        var expected = RealCogs.Bytes(grid.GetProperty("file").GetString()!);

        var png = PngSamples.Decode(await GetAsync(
            $"/cog/bbox/{bounds}/{width}x{height}.png?url=data/rgba_partial.tif&coord_crs=epsg:3857&dst_crs=epsg:3857&nodata=0"));

        var n = width * height;
        var agree = Enumerable.Range(0, n).Count(p => png.At(p % width, p / width, 3) == (expected[3 * n + p] > 0 ? 255 : 0));
        Assert.True(agree >= 0.995 * n, $"opaque where gdalwarp draws on {agree} of {n} pixels");
        Assert.True(Enumerable.Range(0, n).Count(p => expected[3 * n + p] is > 0 and < 255) > n / 5);
    }

    /// <summary>A WebMercatorQuad tile under nodata 0 draws the pixels it draws without it, all opaque.</summary>
    [Fact]
    public async Task Tile_UnderNodata_IsOpaqueWhereverItDrawsWithoutIt()
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("inside");
        var path = $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}.png?url=data/rgba_partial.tif";

        var plain = PngSamples.Decode(await GetAsync(path));
        var underNodata = PngSamples.Decode(await GetAsync(path + "&nodata=0"));

        var partial = 0;
        for (var y = 0; y < plain.Height; y++)
        {
            for (var x = 0; x < plain.Width; x++)
            {
                partial += plain.At(x, y, 3) is > 0 and < 255 ? 1 : 0;
                Assert.Equal(plain.At(x, y, 3) > 0 ? 255 : 0, underNodata.At(x, y, 3));
            }
        }
        Assert.True(partial > 1000, $"only {partial} partly transparent pixels in the tile without nodata");
    }
}
