using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tests.Warp;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// Validity from an internal mask on every overview, from a .msk file (and .msk.ovr), or from nodata on signed 8-bit,
/// paletted and 16-bit float data, some with external overviews (.ovr): files made by
/// tests/data/masks/make-masks.sh, each read onto WebMercator grids finer and coarser than the source and compared
/// with gdalwarp's output for it (for signed 8-bit, of the same values stored as Int16, since GDAL 3.6 reads
/// SIGNEDBYTE as unsigned).
/// </summary>
public sealed class MaskedWarpTests(ITestOutputHelper output)
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("masks", "cases.json"))).RootElement;

    public static TheoryData<string, string> Warps()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cases.EnumerateObject())
            foreach (var kernel in c.Value.GetProperty("kernels").EnumerateArray())
                data.Add(c.Name, kernel.GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Warps))]
    public async Task Read_MatchesGdalwarp(string name, string kernel)
    {
        var c = Cases.GetProperty(name);
        var b = c.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var size = c.GetProperty("size").GetInt32();
        var grid = new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], size, size);
        var method = kernel == "near" ? ResamplingMethod.Nearest : ResamplingMethod.Bilinear;
        var dataset = await OpenAsync(Path.Combine("files", c.GetProperty("file").GetString() + ".tif"));
        Assert.Equal(c.GetProperty("overviews").GetInt32(), dataset.Info.Overviews.Count);
        Assert.Equal(c.GetProperty("maskFlags").GetInt32() == 2, dataset.Info.HasMask);
        using var data = await dataset.ReadAsync(grid, new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);
        var golden = await OpenAsync(Path.Combine("warped", $"{name}.{kernel}.tif"));
        var (expected, expectedMask) = await TiffFixtures.ReadLevelAsync(golden, 0);
        Assert.NotNull(expectedMask);
        WarpAgreement.AssertMatches(data, expected, expectedMask, method, $"{name} {kernel}", output);
    }

    [Theory]
    [InlineData("cint16", "sample format 5 with 32 bits per sample (complex integer, GDAL's CInt16) is not supported")]
    [InlineData("cfloat32", "sample format 6 with 64 bits per sample (complex float, GDAL's CFloat32) is not supported")]
    public async Task Open_Complex_RefusedNamingTheSampleType(string name, string expected)
    {
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => OpenAsync(Path.Combine("refused", name + ".tif")));
        Assert.Contains(expected, e.Problem);
    }

    private static async Task<GeoTiffDataset> OpenAsync(string file)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("masks", file), CancellationToken.None);
    }
}
