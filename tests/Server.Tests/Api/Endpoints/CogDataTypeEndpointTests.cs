using System.Net;
using OgcTiler.Server.Tests.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// Non-uint8 GDAL-made COGs drawn without rescale, end to end, as TiTiler draws them: the uint16 b08.tif as a 16-bit
/// PNG of its values, and for 8-bit-only formats (and PNG of int16 i16.tif) the data type's range stretched to 0..255.
/// </summary>
public sealed class CogDataTypeEndpointTests : IAsyncLifetime
{
    private const int W = RealCogs.Width, H = RealCogs.Height;
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: false, "b08.tif", "i16.tif", "i16-stats.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private async Task<byte[]> GetAsync(string path, string contentType)
    {
        var response = await _cogs.Client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    [Fact]
    public async Task Preview_Png_OfUInt16_IsA16BitPngOfEveryGdalValue_NodataTransparent()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/b08.tif&max_size=128", "image/png"));

        Assert.Equal((W, H, 16, 4), (png.Width, png.Height, png.BitDepth, png.ColourType));
        var gdal = RealCogs.B08();
        for (var p = 0; p < W * H; p++)
        {
            var (x, y) = (p % W, p / W);
            Assert.Equal(gdal[p] == 0 ? 0 : 65535, png.At(x, y, 1));
            if (gdal[p] != 0)
                Assert.Equal(gdal[p], png.At(x, y, 0));
        }
    }

    [Fact]
    public async Task Tile_Png_OfUInt16_Is16Bit_AndMatchesGdalwarp()
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("edge");
        var path = $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}.png?url=data/b08.tif";

        var png = PngSamples.Decode(await GetAsync(path, "image/png"));

        Assert.Equal((256, 256, 16, 4), (png.Width, png.Height, png.BitDepth, png.ColourType));
        var raw = RealCogs.Bytes("tile-edge-b08.u16"); // gdalwarp nearest, nodata 0
        var n = 256 * 256;
        var reference = Enumerable.Range(0, n).Select(i => BitConverter.ToUInt16(raw, 2 * i)).ToArray();
        var differentMask = Enumerable.Range(0, n).Count(p => (png.At(p % 256, p / 256, 1) != 0) != (reference[p] != 0));
        var differentValue = Enumerable.Range(0, n).Count(p => reference[p] != 0 && png.At(p % 256, p / 256, 0) != reference[p]);
        Assert.True(reference.Count(v => v > 255) > n / 10, "the reference tile holds values beyond 8 bits");
        Assert.True(differentMask <= n / 100, $"{differentMask} mask pixels differ from gdalwarp's");
        Assert.True(differentValue <= n / 100, $"{differentValue} values differ from gdalwarp's");
    }

    [Fact]
    public async Task Preview_Png_OfInt16_StretchesTheInt16RangeTo8Bits()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/i16.tif&max_size=128", "image/png"));

        Assert.Equal((8, 4), (png.BitDepth, png.ColourType)); // grey and the mask as alpha (rio-tiler's render), every pixel valid
        Assert.All(Enumerable.Range(0, W * H), p => Assert.Equal(255, png.At(p % W, p / W, 1)));
        var gdal = RealCogs.I16();
        for (var p = 0; p < W * H; p++)
            Assert.Equal(Stretch(gdal[p], short.MinValue, short.MaxValue), png.At(p % W, p / W, 0));
    }

    /// <summary>
    /// Lossy formats at the default qualities (JPEG 85, WebP 75): the largest difference from the stretch over the
    /// valid pixels may be 3 levels for JPEG and 6 for WebP (measured 2/3 and 5/2).
    /// </summary>
    [Theory]
    [InlineData("i16.tif", "jpeg", "image/jpeg", short.MinValue, short.MaxValue, 3)]
    [InlineData("i16.tif", "webp", "image/webp", short.MinValue, short.MaxValue, 6)]
    [InlineData("b08.tif", "jpg", "image/jpg", 0, ushort.MaxValue, 3)] // TiTiler: .jpg is image/jpg
    [InlineData("b08.tif", "webp", "image/webp", 0, ushort.MaxValue, 6)]
    public async Task Preview_8BitOnlyFormats_StretchTheDataTypeRange(string file, string format, string contentType, double min, double max, int tolerance)
    {
        var bytes = await GetAsync($"/cog/preview.{format}?url=data/{file}&max_size=128", contentType);

        using var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var gdal = file == "b08.tif" ? RealCogs.B08() : RealCogs.I16();
        var worst = 0.0;
        for (var p = 0; p < W * H; p++)
        {
            if (file == "b08.tif" && gdal[p] == 0)
                continue; // nodata
            worst = Math.Max(worst, Math.Abs(bitmap.GetPixel(p % W, p / W).Red - Stretch(gdal[p], min, max)));
        }
        Assert.True(worst <= tolerance, $"largest difference {worst} levels");
    }

    [Fact]
    public async Task Preview_Png_OfInt16WithStatistics_StretchesTheBandsRecordedMinimumAndMaximum()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/i16-stats.tif&bidx=2&max_size=128", "image/png"));

        Assert.Equal((8, 4), (png.BitDepth, png.ColourType));
        var band = StatsBand(1);
        var (min, max) = (band.Min(), band.Max());
        for (var p = 0; p < W * H; p++)
            Assert.Equal(Stretch(band[p], min, max), png.At(p % W, p / W, 0));
        Assert.True(Stretch(max, min, max) - Stretch(min, min, max) == 255 && Stretch(max, short.MinValue, short.MaxValue) < 160,
            "the statistics stretch reaches levels the type's range does not");
    }

    /// <summary>RGB JPEG (quality 85, chroma subsampled): measured largest difference 5 levels, mean below 1.</summary>
    [Fact]
    public async Task Preview_Jpeg_OfInt16WithStatistics_StretchesEachBandFromItsOwnStatistics()
    {
        var bytes = await GetAsync("/cog/preview.jpg?url=data/i16-stats.tif&max_size=128", "image/jpg");

        using var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var bands = Enumerable.Range(0, 3).Select(StatsBand).ToArray();
        var ranges = bands.Select(b => (Min: b.Min(), Max: b.Max())).ToArray();
        var (worst, total) = (0.0, 0.0);
        for (var p = 0; p < W * H; p++)
        {
            var pixel = bitmap.GetPixel(p % W, p / W);
            byte[] channels = [pixel.Red, pixel.Green, pixel.Blue];
            for (var b = 0; b < 3; b++)
            {
                var difference = Math.Abs(channels[b] - Stretch(bands[b][p], ranges[b].Min, ranges[b].Max));
                (worst, total) = (Math.Max(worst, difference), total + difference);
            }
        }
        var mean = total / (3 * W * H);
        Assert.True(worst <= 8 && mean < 1, $"largest difference {worst} levels, mean {mean:F2}");
    }

    /// <summary>
    /// i16-stats.tif's 0-based band, derived from i16.tif's pixels as make_dtype_cogs.py does (numpy's floor division):
    /// i16 // 10, i16 // 20 + 500, -(i16 // 40).
    /// </summary>
    private static double[] StatsBand(int band) => [.. RealCogs.I16().Select(v => band switch
    {
        0 => Math.Floor(v / 10.0),
        1 => Math.Floor(v / 20.0) + 500,
        _ => -Math.Floor(v / 40.0),
    })];

    /// <summary>rio-tiler's linear_rescale from the type's range to 0..255, then the cast to uint8 (truncation).</summary>
    private static double Stretch(double value, double min, double max) => Math.Floor((value - min) / (max - min) * 255);
}
