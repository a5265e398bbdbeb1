using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>
/// Interpolated reads of integer data hold the values gdalwarp writes into the source's type: rounded half up and
/// clamped to the type's range (GDAL's GWKRoundValueT/GWKClampValueT), compared without rounding ours first. With the
/// values truncated instead, a bilinear uint8 read is one below gdalwarp's on about half of its pixels; rounded after
/// the mean was stored as a float, 2 of b08.tif's 17,100 bilinear samples (a mean within float precision of .5) differ.
/// </summary>
public sealed class IntegerRoundingTests(ITestOutputHelper output)
{
    // EPSG:3857 inside the data of visual.tif / b08.tif (UTM 31N, 10 m pixels): upsampled (150×114) and downsampled (40×30).
    private static readonly double[] Box = [334250, 5644600, 335500, 5645550];

    [Theory]
    [InlineData("visual.tif", "bilinear", 150, 114)]
    [InlineData("visual.tif", "cubic", 150, 114)]
    [InlineData("visual.tif", "bilinear", 40, 30)]
    [InlineData("b08.tif", "bilinear", 150, 114)]
    [InlineData("b08.tif", "cubic", 40, 30)]
    public async Task InterpolatedValues_AreGdalwarpsIntegers(string file, string kernel, int width, int height)
    {
        var path = RepoPaths.Data("api", "cogs", file);
        var dataset = (GeoTiffDataset)await new RasterOpener(new HttpClient(), 16).OpenAsync(path, CancellationToken.None);
        var bands = dataset.Info.BandCount;
        var gdal = await GdalwarpAsync(path, kernel, width, height);
        var method = Enum.Parse<ResamplingMethod>(kernel, ignoreCase: true);

        using var data = await dataset.ReadAsync(new TargetGrid("EPSG:3857", Box[0], Box[1], Box[2], Box[3], width, height), null,
            new ReadOptions(Resampling: method, Reproject: method), CancellationToken.None);

        var n = width * height;
        var bytes = dataset.Info.DataType == RasterDataType.UInt8 ? 1 : 2;
        int compared = 0, equal = 0;
        for (var p = 0; p < n; p++)
        {
            if (data.Mask[p] == 0 || Sample(gdal, bytes, bands * n + p) == 0)
                continue;
            for (var b = 0; b < bands; b++)
            {
                compared++;
                equal += data.Band(b)[p] == Sample(gdal, bytes, b * n + p) ? 1 : 0;
            }
        }
        output.WriteLine($"{file} {kernel} {width}x{height}: {equal}/{compared} samples equal to gdalwarp's");
        Assert.True(compared > n / 2 * bands, $"only {compared} samples valid in both");
        Assert.Equal(compared, equal);
    }

    private static int Sample(byte[] raw, int bytes, int index) =>
        bytes == 1 ? raw[index] : BitConverter.ToUInt16(raw, 2 * index);

    /// <summary>gdalwarp's output for the same grid as band-sequential samples of the source's type, its alpha band last.</summary>
    private static async Task<byte[]> GdalwarpAsync(string path, string kernel, int width, int height)
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-rounding-");
        try
        {
            var raw = Path.Combine(dir.FullName, "warped.raw");
            await ExternalProcess.RunCheckedAsync("gdalwarp", "-q", "-t_srs", "EPSG:3857", "-te", $"{Box[0]}", $"{Box[1]}", $"{Box[2]}", $"{Box[3]}",
                "-ts", $"{width}", $"{height}", "-r", kernel, "-dstalpha", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", path, raw);
            return await File.ReadAllBytesAsync(raw);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
