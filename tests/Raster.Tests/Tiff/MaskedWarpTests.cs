using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tests.Warp;
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
    private static readonly GoldenWarpCases Golden = new("masks");

    public static TheoryData<string, string> Warps() => Golden.Warps();

    [Theory]
    [MemberData(nameof(Warps))]
    public async Task Read_MatchesGdalwarp(string name, string kernel)
    {
        var c = Golden.Case(name);
        var method = GoldenWarpCases.MethodOf(kernel);
        var dataset = await Golden.OpenSourceAsync(c);
        Assert.Equal(c.GetProperty("overviews").GetInt32(), dataset.Info.Overviews.Count);
        Assert.Equal(c.GetProperty("maskFlags").GetInt32() == 2, dataset.Info.HasMask);
        using var data = await dataset.ReadAsync(GoldenWarpCases.GridOf(c), null, new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);
        var (expected, expectedMask) = await Golden.ReadExpectedAsync(name, kernel);
        Assert.NotNull(expectedMask);
        WarpAgreement.AssertMatches(data, expected, expectedMask, method, $"{name} {kernel}", output);
    }

    [Theory]
    [InlineData("cint16", "sample format 5 with 32 bits per sample (complex integer, GDAL's CInt16) is not supported")]
    [InlineData("cfloat32", "sample format 6 with 64 bits per sample (complex float, GDAL's CFloat32) is not supported")]
    public async Task Open_Complex_RefusedNamingTheSampleType(string name, string expected)
    {
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => Golden.OpenAsync(Path.Combine("refused", name + ".tif")));
        Assert.Contains(expected, e.Problem);
    }
}
