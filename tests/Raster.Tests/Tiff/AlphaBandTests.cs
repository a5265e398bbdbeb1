using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tests.Warp;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// Partial alpha (tests/data/api/make_rgba_cog.py: rgba_partial.tif, alpha 4·column up to 255, 0 in the top rows, 128
/// in the bottom ones, with an AVERAGE overview; rgba16_partial.tif, its alpha ×257 in 16 bits): the alpha values are
/// kept as the mask of every level and of warped reads, as GDAL's mask band of an RGBA file is its alpha band and
/// rio-tiler's alpha_mask keeps them; only opaque pixels are valid (rio-tiler reader.py <c>data.mask = alpha_mask !=
/// opaque</c>, tests/test_mask.py::test_mask_bilinear "partial transparent pixel are masked").
/// </summary>
public sealed class AlphaBandTests(ITestOutputHelper output)
{
    private const int W = 128, H = 96, N = W * H;

    private static string Cog(string name) => RepoPaths.Data("api", "cogs", name);

    private static async Task<GeoTiffDataset> OpenAsync(string name) =>
        (GeoTiffDataset)await new RasterOpener(new HttpClient(), 16).OpenAsync(Cog(name), CancellationToken.None);

    [Fact]
    public async Task Blocks_KeepTheAlphaValues_OnTheImageAndItsOverview()
    {
        var dataset = await OpenAsync("rgba_partial.tif");
        var full = File.ReadAllBytes(Cog("rgba_partial.u8"));
        var overview = File.ReadAllBytes(Cog("rgba_partial.ovr.u8"));

        Assert.True(dataset.MaskIsAlpha);
        var (_, mask) = await TiffFixtures.ReadLevelAsync(dataset, 0);
        Assert.Equal(full[(3 * N)..], mask);
        Assert.Contains((byte)128, mask!);
        var (_, overviewMask) = await TiffFixtures.ReadLevelAsync(dataset, 1);
        Assert.Equal(overview[(3 * overview.Length / 4)..], overviewMask);
        Assert.True(overviewMask!.Distinct().Count() > 20, "the AVERAGE overview has many partial alpha values");
    }

    /// <summary>rio-tiler tests/test_models.py::test_alpha_band: a 16-bit alpha of 30000 is rescaled to 116 (truncated).</summary>
    [Fact]
    public async Task Blocks_Of16BitAlpha_AreScaledTo8Bits_Truncated()
    {
        var dataset = await OpenAsync("rgba16_partial.tif");
        var raw = File.ReadAllBytes(Cog("rgba16_partial.u16"));

        var (_, mask) = await TiffFixtures.ReadLevelAsync(dataset, 0);
        for (var p = 0; p < N; p++)
        {
            var alpha = BitConverter.ToUInt16(raw, 2 * (3 * N + p));
            Assert.Equal((byte)(alpha * 255 / 65535), mask![p]);
        }
        Assert.Equal(116, mask![(H - 1) * W + 100]);
        Assert.Equal(255, mask[50 * W + 100]);
        Assert.Equal(4 * 10, mask[50 * W + 10]);
    }

    public static TheoryData<int> Grids() => [0, 1, 2];

    /// <summary>
    /// gdalwarp -t_srs EPSG:3857 of the RGBA file (its alpha band taken as source alpha and written as the output's
    /// alpha): every kernel draws the pixels whose centre falls on a source pixel with alpha above 0 and gives them that
    /// pixel's alpha (GDAL's GWKOverlayDensity of the sample point's density); the values of bilinear weigh the
    /// neighbours with alpha above 0 alike. The coarse grid reads the overview, its averaged alpha included.
    /// </summary>
    [Theory]
    [MemberData(nameof(Grids))]
    public async Task Read_CarriesTheAlphaAsGdalwarpDraws(int index)
    {
        var grid = JsonDocument.Parse(File.ReadAllText(Cog("rgba_partial.json"))).RootElement.GetProperty("grids")[index];
        var kernel = grid.GetProperty("kernel").GetString()!;
        var (width, height) = (grid.GetProperty("width").GetInt32(), grid.GetProperty("height").GetInt32());
        var b = grid.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = File.ReadAllBytes(Cog(grid.GetProperty("file").GetString()!));
        var method = GoldenWarpCases.MethodOf(kernel);
        var dataset = await OpenAsync("rgba_partial.tif");

        using var data = await dataset.ReadAsync(new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], width, height), [1, 2, 3],
            new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var n = width * height;
        Assert.True(data.HasAlpha);
        int alphaAgree = 0, partial = 0, both = 0, within = 0;
        var sum = 0.0;
        for (var p = 0; p < n; p++)
        {
            var gdalAlpha = expected[3 * n + p];
            var ours = data.Alpha[p];
            alphaAgree += ours == gdalAlpha ? 1 : 0;
            partial += gdalAlpha is > 0 and < 255 ? 1 : 0;
            Assert.Equal(ours == 255 ? 255 : 0, data.Mask[p]);
            if (ours == 0 || gdalAlpha == 0)
                continue;
            both++;
            var worst = 0.0;
            for (var c = 0; c < 3; c++)
            {
                var d = Math.Abs(Math.Round(data.Band(c)[p]) - expected[c * n + p]);
                worst = Math.Max(worst, d);
                sum += d / 3;
            }
            within += worst <= 1 ? 1 : 0;
        }
        var mad = sum / both;
        output.WriteLine($"{kernel} {width}x{height}: alpha equal on {alphaAgree}/{n} ({partial} partly transparent in gdalwarp's), {within}/{both} within 1 DN, MAD {mad:F3}");
        Assert.True(partial > n / 5, $"only {partial} partly transparent pixels in the reference");
        Assert.True(alphaAgree >= 0.995 * n, $"alpha equal on {alphaAgree} of {n} pixels");
        if (method == ResamplingMethod.Nearest)
            Assert.True(within >= 0.995 * both, $"{within} of {both} pixels within 1 DN of gdalwarp's");
        else
            Assert.True(mad <= 0.5, $"mean absolute difference {mad:F3} DN");
    }

    /// <summary>
    /// A read in the file's own CRS at another size (rio-tiler's read without reprojection: <c>dataset.read</c> of the
    /// data bands and the alpha band with <c>out_shape</c> and <c>resampling</c>, so GDAL's RasterIO) resamples the
    /// alpha band like a data band, as gdal_translate -outsize -r KERNEL of the RGBA file does (rio-tiler 9.4.2's read
    /// gives that alpha on every pixel, checked on rasterio 1.3.5 / GDAL 3.6.2): every pixel equal, partial values
    /// where the source's alpha changes, the colours from the neighbours with alpha above 0.
    /// </summary>
    [Theory]
    [InlineData(100, 75, "bilinear")]
    [InlineData(200, 150, "bilinear")]
    [InlineData(100, 75, "cubic")]
    public async Task Read_InTheFilesCrsAtAnotherSize_ResamplesTheAlphaAsGdalsRasterIo(int width, int height, string kernel)
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-rasterio-alpha-");
        var raw = Path.Combine(dir.FullName, "translated.raw");
        await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-outsize", $"{width}", $"{height}", "-r", kernel, "-of", "ENVI",
            "-co", "INTERLEAVE=BSQ", Cog("rgba_partial.tif"), raw);
        var gdal = await File.ReadAllBytesAsync(raw);
        dir.Delete(recursive: true);
        var method = kernel == "cubic" ? ResamplingMethod.Cubic : ResamplingMethod.Bilinear;
        var dataset = await OpenAsync("rgba_partial.tif");
        var grid = new TargetGrid("EPSG:32631", 500000, 4999040, 501280, 5000000, width, height) { Overviews = OverviewRule.RasterIo };

        using var data = await dataset.ReadAsync(grid, [1, 2, 3], new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var n = width * height;
        Assert.True(data.HasAlpha);
        Assert.Equal(gdal[(3 * n)..], data.Alpha.ToArray());
        Assert.True(gdal[(3 * n)..].Count(a => a is > 0 and < 255) > n / 3);
        int drawn = 0, within = 0;
        for (var p = 0; p < n; p++)
        {
            Assert.Equal(data.Alpha[p] == 255 ? 255 : 0, data.Mask[p]);
            if (data.Alpha[p] == 0)
                continue;
            drawn++;
            within += Enumerable.Range(0, 3).All(c => Math.Abs(Math.Round(data.Band(c)[p]) - gdal[c * n + p]) <= 1) ? 1 : 0;
        }
        output.WriteLine($"{kernel} {width}x{height}: colours within 1 DN of gdal_translate's on {within}/{drawn}");
        Assert.True(within >= 0.98 * drawn, $"colours within 1 DN on {within} of {drawn} pixels");
    }
}
