namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>Decoded pixels of every fixture against GDAL's decode of the same file, level by level.</summary>
public sealed class GeoTiffPixelTests
{
    public static TheoryData<string> Lossless() =>
        new(TiffFixtures.Readable(n => !n.StartsWith("jpeg_", StringComparison.Ordinal) && n != "webp_rgb.tif"));

    public static TheoryData<string> Lossy() =>
        new(TiffFixtures.Readable(n => n.StartsWith("jpeg_", StringComparison.Ordinal) || n == "webp_rgb.tif"));

    [Theory]
    [MemberData(nameof(Lossless))]
    public async Task LosslessFixture_EveryLevelAndMask_EqualsGdalExactly(string name)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var levels = TiffFixtures.Entry(name).GetProperty("levels");
        Assert.Equal(levels.GetArrayLength(), dataset.Levels.Count);
        for (var level = 0; level < dataset.Levels.Count; level++)
        {
            var expected = levels[level];
            Assert.Equal(expected.GetProperty("width").GetInt32(), dataset.Levels[level].Width);
            Assert.Equal(expected.GetProperty("height").GetInt32(), dataset.Levels[level].Height);
            var (samples, mask) = await TiffFixtures.ReadLevelAsync(dataset, level);
            AssertSame(TiffFixtures.Reference(expected.GetProperty("ref").GetString()!), samples, $"{name} level {level}");
            if (expected.TryGetProperty("mask", out var maskRef))
            {
                Assert.NotNull(mask);
                AssertSame(TiffFixtures.Reference(maskRef.GetString()!), mask!.Select(m => (float)m).ToArray(), $"{name} mask level {level}");
            }
            else
            {
                Assert.Null(mask);
            }
        }
    }

    /// <summary>
    /// JPEG and lossy WEBP: GDAL decodes with its libjpeg/libwebp, we with SkiaSharp's (libjpeg-turbo, libwebp).
    /// Both use the same integer IDCT and YCbCr conversion, so values may differ by rounding only: at most 2 DN, and
    /// on average far less.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lossy))]
    public async Task LossyFixture_FullResolution_WithinTwoDnOfGdal(string name)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var expected = TiffFixtures.Reference(TiffFixtures.Entry(name).GetProperty("levels")[0].GetProperty("ref").GetString()!);
        var (samples, _) = await TiffFixtures.ReadLevelAsync(dataset, 0);
        Assert.Equal(expected.Length, samples.Length);
        var maxDiff = expected.Zip(samples, (e, a) => Math.Abs(e - a)).Max();
        var meanDiff = expected.Zip(samples, (e, a) => Math.Abs(e - a)).Average();
        Assert.True(maxDiff <= 2, $"{name}: max difference {maxDiff} DN");
        Assert.True(meanDiff <= 0.1, $"{name}: mean difference {meanDiff} DN");
    }

    private static void AssertSame(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!expected[i].Equals(actual[i]))
                Assert.Fail($"{what}: sample {i} is {actual[i]}, GDAL reads {expected[i]}");
        }
    }
}
