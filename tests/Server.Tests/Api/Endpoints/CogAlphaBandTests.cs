using System.Text.Json;
using OgcTiler.Server.Tests.Rendering;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// An RGBA COG (make_rgba_cog.py: visual.tif's bands and an alpha band, 0 in a north-east wedge) read as rio-tiler
/// reads it: the alpha band is left out of the data (rio-tiler reader.py non_alpha_indexes; tests/test_io_rasterio.py
/// test_tile_read_alpha: 4 bands in the file, 3 in the data, the mask not all valid) and is the mask, so color
/// formulas, rescale, statistics and points work on the three colour bands. PNG carries the mask as alpha even when
/// every pixel is valid, as rio-tiler's utils.render appends the mask it is given.
/// </summary>
public sealed class CogAlphaBandTests : IAsyncLifetime
{
    private const int W = RealCogs.Width, H = RealCogs.Height, N = W * H;
    private static readonly byte[] Rgba = RealCogs.Bytes("rgba.u8"); // band-sequential R, G, B, alpha
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "rgba.tif", "visual.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static byte Alpha(int p) => Rgba[3 * N + p];

    private Task<byte[]> GetAsync(string path) => _cogs.GetOkAsync(path);

    [Fact]
    public async Task PreviewNpy_IsTheThreeColourBandsThenTheAlphaAsMask()
    {
        var npy = NpyFile.Parse(await GetAsync("/cog/preview.npy?url=data/rgba.tif&max_size=128"));

        Assert.Equal([4, H, W], npy.Shape); // 3 data bands + mask, not the file's 4 bands + mask
        for (var p = 0; p < N; p++)
        {
            Assert.Equal(Alpha(p), npy.Values[3 * N + p]);
            if (Alpha(p) != 0)
            {
                for (var b = 0; b < 3; b++)
                    Assert.Equal(Rgba[b * N + p], npy.Values[b * N + p]);
            }
        }
        Assert.Contains(0f, npy.Values[(3 * N)..]);
    }

    [Fact]
    public async Task PreviewPng_IsRgbWithTheAlphaBandAsAlpha()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/rgba.tif&max_size=128"));

        Assert.Equal((W, H, 8, 6), (png.Width, png.Height, png.BitDepth, png.ColourType));
        for (var p = 0; p < N; p++)
        {
            var (x, y) = (p % W, p / W);
            Assert.Equal(Alpha(p), png.At(x, y, 3));
            if (Alpha(p) != 0)
                Assert.Equal((Rgba[p], Rgba[N + p], Rgba[2 * N + p]), (png.At(x, y, 0), png.At(x, y, 1), png.At(x, y, 2)));
        }
    }

    /// <summary>The same colour operations on the RGBA file and on its RGB twin draw the same colours; alpha is kept.</summary>
    [Theory]
    [InlineData("color_formula=Gamma+RGB+1.5+Saturation+1.2")]
    [InlineData("color_formula=Sigmoidal+RGB+10+0.3")]
    [InlineData("rescale=40,200")]
    [InlineData("rescale=40,200&color_formula=Gamma+B+0.8")]
    public async Task ColourOperations_OnRgba_EqualTheSameOnRgb_AndKeepTheAlpha(string operations)
    {
        var rgba = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/rgba.tif&max_size=128&{operations}"));
        var rgb = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/visual.tif&max_size=128&{operations}"));

        Assert.Equal(6, rgba.ColourType);
        var changed = 0;
        for (var p = 0; p < N; p++)
        {
            var (x, y) = (p % W, p / W);
            Assert.Equal(Alpha(p), rgba.At(x, y, 3));
            if (Alpha(p) == 0)
                continue;
            for (var c = 0; c < 3; c++)
                Assert.Equal(rgb.At(x, y, c), rgba.At(x, y, c));
            changed += rgba.At(x, y, 0) != Rgba[p] ? 1 : 0;
        }
        Assert.True(changed > N / 2, $"{operations} changed only {changed} pixels");
    }

    [Fact]
    public async Task Statistics_AreOfTheColourBands_OverTheOpaquePixels()
    {
        var stats = JsonDocument.Parse(await GetAsync("/cog/statistics?url=data/rgba.tif")).RootElement;

        Assert.Equal(["b1", "b2", "b3"], stats.EnumerateObject().Select(p => p.Name));
        var opaque = Enumerable.Range(0, N).Where(p => Alpha(p) != 0).ToArray();
        for (var b = 0; b < 3; b++)
        {
            var band = stats.GetProperty($"b{b + 1}");
            Assert.Equal(opaque.Length, band.GetProperty("valid_pixels").GetDouble());
            Assert.Equal(N - opaque.Length, band.GetProperty("masked_pixels").GetDouble());
            Assert.Equal(opaque.Min(p => Rgba[b * N + p]), band.GetProperty("min").GetDouble());
            Assert.Equal(opaque.Max(p => Rgba[b * N + p]), band.GetProperty("max").GetDouble());
        }
    }

    [Fact]
    public async Task Point_HasTheThreeColourValues()
    {
        var inside = RealCogs.Reference.GetProperty("points")[1]; // col 64, row 48: opaque
        var path = $"/cog/point/{inside.GetProperty("lon").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)},"
            + $"{inside.GetProperty("lat").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}?url=data/rgba.tif";
        var point = JsonDocument.Parse(await GetAsync(path)).RootElement;

        var p = 48 * W + 64;
        Assert.Equal([Rgba[p], Rgba[N + p], Rgba[2 * N + p]], point.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["b1", "b2", "b3"], point.GetProperty("band_names").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact] // rio-tiler io/rasterio.py info (test_io_rasterio.py test_cog_with_internal_gcps: nodata_type "Alpha", every band listed)
    public async Task Info_ListsEveryBand_WithNodataTypeAlpha()
    {
        var info = JsonDocument.Parse(await GetAsync("/cog/info?url=data/rgba.tif")).RootElement;

        Assert.Equal("Alpha", info.GetProperty("nodata_type").GetString());
        Assert.Equal(4, info.GetProperty("count").GetInt32());
        Assert.Equal(["red", "green", "blue", "alpha"], info.GetProperty("colorinterp").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(4, info.GetProperty("band_descriptions").GetArrayLength());
    }

    [Fact]
    public async Task Bidx_ChoosesTheAlphaBandAsData_WithTheMaskStillFromIt()
    {
        var npy = NpyFile.Parse(await GetAsync("/cog/preview.npy?url=data/rgba.tif&max_size=128&bidx=4"));

        Assert.Equal([2, H, W], npy.Shape);
        for (var p = 0; p < N; p++)
            Assert.Equal(Alpha(p), npy.Values[N + p]);
    }

    /// <summary>rio-tiler's render appends the mask to a PNG whatever it holds; return_mask=false leaves it out.</summary>
    [Theory]
    [InlineData("", 6)]
    [InlineData("&return_mask=false", 2)]
    [InlineData("&bidx=1", 4)]
    [InlineData("&bidx=1&return_mask=false", 0)]
    public async Task PreviewPng_OfAFullyValidFile_CarriesTheMaskUnlessReturnMaskIsFalse(string parameters, int colourType)
    {
        var png = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/visual.tif&max_size=128{parameters}"));

        Assert.Equal(colourType, png.ColourType);
        if (colourType is 4 or 6)
        {
            var alpha = png.Channels - 1;
            Assert.All(Enumerable.Range(0, N), p => Assert.Equal(255, png.At(p % W, p / W, alpha)));
        }
    }
}
