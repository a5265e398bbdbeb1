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

        Assert.Equal(3, dataset.AlphaBand);
        var (_, mask) = await TiffFixtures.ReadLevelAsync(dataset, 0);
        Assert.Equal(full[(3 * N)..], mask);
        Assert.Contains((byte)128, mask!);
        var (_, overviewMask) = await TiffFixtures.ReadLevelAsync(dataset, 1);
        Assert.Equal(overview[(3 * overview.Length / 4)..], overviewMask);
        Assert.True(overviewMask!.Distinct().Count() > 20, "the AVERAGE overview has many partial alpha values");
    }

    /// <summary>
    /// A 16-bit alpha band's blocks carry GDAL's mask band of it as their mask (gdal_translate -b mask of
    /// rgba16_partial.tif; gcore/gdalrescaledalphaband.cpp: ×255/65535 truncated, 30000 gives 116, but raw 1..256 give 1,
    /// so those pixels stay drawn; before: 0).
    /// </summary>
    [Fact]
    public async Task Blocks_Of16BitAlpha_AreGdalsMaskBandOfIt()
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-alpha16-mask-");
        var raw = Path.Combine(dir.FullName, "mask.raw");
        await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-b", "mask", "-of", "ENVI", Cog("rgba16_partial.tif"), raw);
        var gdal = await File.ReadAllBytesAsync(raw);
        dir.Delete(recursive: true);
        var dataset = await OpenAsync("rgba16_partial.tif");

        var (_, mask) = await TiffFixtures.ReadLevelAsync(dataset, 0);

        Assert.Equal(gdal, mask);
        Assert.Equal(116, mask![(H - 1) * W + 100]); // raw 30000
        Assert.Equal(1, mask[8 * W + 1]); // raw 2
        Assert.Equal(1, mask[12 * W + 64]); // raw 256
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
        var method = MethodOf(kernel);
        var dataset = await OpenAsync("rgba_partial.tif");
        var grid = new TargetGrid("EPSG:32631", 500000, 4999040, 501280, 5000000, width, height) { Overviews = OverviewRule.RasterIo };

        using var data = await dataset.ReadAsync(grid, [1, 2, 3], new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var n = width * height;
        Assert.True(data.HasAlpha);
        Assert.Equal(gdal[(3 * n)..].Select(a => (ushort)a), data.Alpha.ToArray());
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

    /// <summary>
    /// A 16-bit alpha band read in the file's own CRS keeps its raw values, as rio-tiler 9.4.2's reader.py read holds
    /// its alpha_mask (dataset.read of the alpha band with out_shape and resampling): equal on every pixel to
    /// gdal_translate -outsize -r KERNEL -b 4 of rgba16_partial.tif, which rio-tiler's read gives too (checked on
    /// rasterio 1.3.5 / GDAL 3.6.2), raw values below 257 included (before: scaled to 8 bits, those 0). Only the opaque
    /// pixels (65535) are valid.
    /// </summary>
    [Theory]
    [InlineData(128, 96, "near")]
    [InlineData(100, 75, "near")]
    [InlineData(100, 75, "bilinear")]
    [InlineData(200, 150, "bilinear")]
    [InlineData(100, 75, "cubic")]
    public async Task Read_Of16BitAlpha_InTheFilesCrs_KeepsTheRawAlphaAsRasterIoResamplesIt(int width, int height, string kernel)
    {
        var expected = await GdalAlpha16Async("gdal_translate", "-q", "-outsize", $"{width}", $"{height}", "-r", kernel, "-b", "4", "-of", "ENVI", Cog("rgba16_partial.tif"));
        var method = MethodOf(kernel);
        var dataset = await OpenAsync("rgba16_partial.tif");
        var grid = new TargetGrid("EPSG:32631", 500000, 4999040, 501280, 5000000, width, height) { Overviews = OverviewRule.RasterIo };

        using var data = await dataset.ReadAsync(grid, [1, 2, 3], new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        Assert.Equal(ushort.MaxValue, data.OpaqueAlpha);
        Assert.Equal(expected, data.Alpha.ToArray());
        Assert.True(expected.Count(a => a is > 0 and < 257) > width * height / 40, "raw alpha values below 257 in the reference");
        for (var p = 0; p < expected.Length; p++)
            Assert.Equal(expected[p] == ushort.MaxValue ? 255 : 0, data.Mask[p]);
    }

    /// <summary>
    /// Reprojected, a 16-bit alpha band is carried as gdalwarp -t_srs EPSG:3857 writes it (its SRC_ALPHA_MAX and
    /// DST_ALPHA_MAX of 65535 for UInt16): the raw alpha of the source pixel under each centre, for bilinear too, on
    /// rgba_partial.json's first grid.
    /// </summary>
    [Theory]
    [InlineData("near")]
    [InlineData("bilinear")]
    public async Task Read_Of16BitAlpha_In3857_CarriesTheRawAlphaGdalwarpWrites(string kernel)
    {
        var grid = JsonDocument.Parse(File.ReadAllText(Cog("rgba_partial.json"))).RootElement.GetProperty("grids")[0];
        var (width, height) = (grid.GetProperty("width").GetInt32(), grid.GetProperty("height").GetInt32());
        var b = grid.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var bounds = b.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var warped = await GdalAlpha16Async("gdalwarp", "-q", "-t_srs", "EPSG:3857", "-te", bounds[0], bounds[1], bounds[2], bounds[3],
            "-ts", $"{width}", $"{height}", "-r", kernel, "-of", "ENVI", Cog("rgba16_partial.tif"));
        var n = width * height;
        var expected = warped[(3 * n)..];
        var method = GoldenWarpCases.MethodOf(kernel);
        var dataset = await OpenAsync("rgba16_partial.tif");

        using var data = await dataset.ReadAsync(new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], width, height), [1, 2, 3],
            new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var agree = 0;
        for (var p = 0; p < n; p++)
        {
            agree += data.Alpha[p] == expected[p] ? 1 : 0;
            Assert.Equal(data.Alpha[p] == ushort.MaxValue ? 255 : 0, data.Mask[p]);
        }
        output.WriteLine($"{kernel}: alpha equal to gdalwarp's on {agree}/{n}");
        Assert.True(expected.Count(a => a is > 0 and < 257) > n / 40, "raw alpha values below 257 in gdalwarp's output");
        Assert.True(agree >= 0.995 * n, $"alpha equal on {agree} of {n} pixels");
    }

    /// <summary>
    /// resampling=average in the file's own CRS averages the alpha band like a data band, transparent pixels included, as
    /// GDAL's RasterIO does (rio-tiler 9.4.2's read: dataset.read with resampling=average; gdal_translate -outsize -r
    /// average of the file, which rio-tiler's read equals), where the warper's average gives 255 wherever it draws
    /// (before: 255). Within 1 on every pixel and equal on 95 % or more (7,259 of 7,500 at 100x75, 1,806 of 1,900 at
    /// 50x38 from the overview, 16 bits 7,460 of 7,500): the others are means of exactly .5 (the fixture's alpha is a
    /// linear ramp) that round the other way.
    /// </summary>
    [Theory]
    [InlineData("rgba_partial.tif", 100, 75)]
    [InlineData("rgba_partial.tif", 50, 38)]
    [InlineData("rgba16_partial.tif", 100, 75)]
    public async Task Read_Average_InTheFilesCrs_AveragesTheAlphaAsGdalsRasterIo(string file, int width, int height)
    {
        var wide = file.StartsWith("rgba16", StringComparison.Ordinal);
        var expected = wide
            ? await GdalAlpha16Async("gdal_translate", "-q", "-outsize", $"{width}", $"{height}", "-r", "average", "-b", "4", "-of", "ENVI", Cog(file))
            : (await GdalAlpha8Async(width, height, Cog(file))).Select(a => (ushort)a).ToArray();
        var dataset = await OpenAsync(file);
        var grid = new TargetGrid("EPSG:32631", 500000, 4999040, 501280, 5000000, width, height) { Overviews = OverviewRule.RasterIo };

        using var data = await dataset.ReadAsync(grid, [1, 2, 3], new ReadOptions(Resampling: ResamplingMethod.Average, Reproject: ResamplingMethod.Average), CancellationToken.None);

        var n = width * height;
        var equal = 0;
        for (var p = 0; p < n; p++)
        {
            Assert.InRange(data.Alpha[p] - expected[p], -1, 1);
            equal += data.Alpha[p] == expected[p] ? 1 : 0;
        }
        output.WriteLine($"{file} {width}x{height}: alpha equal to gdal_translate's on {equal}/{n}");
        Assert.True(expected.Count(a => a > 0 && a < data.OpaqueAlpha) > n / 3, "partial alpha values in the reference");
        Assert.True(equal >= 0.95 * n, $"alpha equal on {equal} of {n} pixels");
    }

    private static async Task<byte[]> GdalAlpha8Async(int width, int height, string path)
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-alpha8-");
        try
        {
            var raw = Path.Combine(dir.FullName, "out.raw");
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-outsize", $"{width}", $"{height}", "-r", "average", "-b", "4", "-of", "ENVI", path, raw);
            return await File.ReadAllBytesAsync(raw);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static ResamplingMethod MethodOf(string kernel) => kernel switch
    {
        "cubic" => ResamplingMethod.Cubic,
        _ => GoldenWarpCases.MethodOf(kernel),
    };

    /// <summary>Runs a GDAL tool whose last argument is the output (ENVI, band-sequential) and returns its uint16 samples.</summary>
    private static async Task<ushort[]> GdalAlpha16Async(string tool, params string[] arguments)
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-alpha16-");
        try
        {
            var raw = Path.Combine(dir.FullName, "out.raw");
            await ExternalProcess.RunCheckedAsync(tool, [.. arguments, raw]);
            var bytes = await File.ReadAllBytesAsync(raw);
            var values = new ushort[bytes.Length / 2];
            for (var i = 0; i < values.Length; i++)
                values[i] = BitConverter.ToUInt16(bytes, 2 * i);
            return values;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
