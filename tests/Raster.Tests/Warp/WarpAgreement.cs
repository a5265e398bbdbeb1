using OgcTiler.Abstractions.Raster;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>
/// How a read compares with gdalwarp's output for the same grid (its alpha band as the mask): masks agree on ≥ 99.9 %
/// of the pixels, and where both are valid (values rounded to whole DN) nearest is within 1 DN on ≥ 99.9 % of them,
/// other kernels have a mean absolute difference ≤ 0.5 DN.
/// </summary>
internal static class WarpAgreement
{
    public static void AssertMatches(RasterData data, float[] expected, byte[] expectedMask, ResamplingMethod method, string label, ITestOutputHelper output)
    {
        var count = data.Width * data.Height;
        int maskAgree = 0, both = 0, within = 0;
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var gdalValid = expectedMask[i] > 0;
            var ourValid = data.Mask[i] > 0;
            maskAgree += gdalValid == ourValid ? 1 : 0;
            if (!gdalValid || !ourValid)
                continue;
            both++;
            var worst = 0.0;
            for (var band = 0; band < data.BandCount; band++)
            {
                var d = Math.Abs(Math.Round(data.Band(band)[i]) - Math.Round(expected[band * count + i]));
                worst = Math.Max(worst, d);
                sum += d / data.BandCount;
            }
            within += worst <= 1 ? 1 : 0;
        }
        var mad = both == 0 ? 0 : sum / both;
        output.WriteLine($"{label}: mask agrees on {maskAgree}/{count}, {within}/{both} within 1 DN, MAD {mad:F3}");
        Assert.True(both > count / 4, $"only {both} pixels valid in both");
        Assert.True(maskAgree >= 0.999 * count, $"mask agrees on {maskAgree} of {count} pixels");
        if (method == ResamplingMethod.Nearest)
            Assert.True(within >= 0.999 * both, $"{within} of {both} pixels within 1 DN of gdalwarp's");
        else
            Assert.True(mad <= 0.5, $"mean absolute difference {mad:F3} DN");
    }
}
