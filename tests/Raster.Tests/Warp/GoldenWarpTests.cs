using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Warp;
using Xunit.Abstractions;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>Our warp of TileMatrixSet tiles against gdalwarp's output for the same target grid.</summary>
public sealed class GoldenWarpTests(ITestOutputHelper output)
{
    private static readonly CrsRegistry Crs = CrsRegistry.Default;

    public static TheoryData<GoldenCase> Cases(string resampling)
    {
        var data = new TheoryData<GoldenCase>();
        foreach (var c in GoldenFixtures.Cases.Where(c => c.Resampling == resampling))
            data.Add(c);
        return data;
    }

    [Fact]
    public void TheGoldensCoverEveryTileMatrixSetTheIssueNames()
    {
        var sets = GoldenFixtures.Cases.Select(c => c.Tms).ToHashSet();
        Assert.Superset(new HashSet<string> {"WebMercatorQuad", "WorldCRS84Quad", "UTM31WGS84Quad", "EuropeanETRS89_LAEAQuad", "UPSArcticWGS84Quad" }, sets);
        Assert.Contains(GoldenFixtures.Cases, c => c.GdalLevel == 0);
        Assert.Contains(GoldenFixtures.Cases, c => c.GdalLevel >= 2);
    }

    [Theory]
    [MemberData(nameof(Cases), "nearest")]
    public async Task Nearest_MatchesGdalwarp(GoldenCase c)
    {
        var (actual, expected, level) = await Warp(c, ResamplingMethod.Nearest);
        using (actual)
        {
            Assert.Equal(c.GdalLevel, level);
            var (union, identical, maskAgree) = Compare(actual, expected, (a, e) => Math.Abs(a - e) <= 1);
            output.WriteLine($"{c.Name}: {identical}/{union} within 1 DN, mask agrees on {maskAgree}/{actual.PixelCount}");
            Assert.True(identical >= 0.999 * union, $"{identical} of {union} valid pixels within 1 DN");
            Assert.True(maskAgree >= 0.999 * actual.PixelCount, $"mask agrees on {maskAgree} pixels");
        }
    }

    [Theory]
    [MemberData(nameof(Cases), "bilinear")]
    public Task Bilinear_MatchesGdalwarp(GoldenCase c) => AssertClose(c, ResamplingMethod.Bilinear);

    [Theory]
    [MemberData(nameof(Cases), "cubic")]
    public Task Cubic_MatchesGdalwarp(GoldenCase c) => AssertClose(c, ResamplingMethod.Cubic);

    [Theory]
    [MemberData(nameof(Cases), "average")]
    public Task Average_MatchesGdalwarp(GoldenCase c) => AssertClose(c, ResamplingMethod.Average);

    /// <summary>Mean absolute difference at most 0.5 DN where both have data, and the masks agree.</summary>
    private async Task AssertClose(GoldenCase c, ResamplingMethod method)
    {
        var (actual, expected, level) = await Warp(c, method);
        using (actual)
        {
            Assert.Equal(c.GdalLevel, level);
            var sum = 0.0;
            var both = 0;
            var values = actual.Band(0);
            for (var i = 0; i < actual.PixelCount; i++)
            {
                if (actual.Mask[i] == 0 || expected.Mask[i] == 0)
                    continue;
                sum += Math.Abs(Math.Round(values[i]) - expected.Values[i]);
                both++;
            }
            var (union, _, maskAgree) = Compare(actual, expected, (_, _) => true);
            var mad = both == 0 ? 0 : sum / both;
            output.WriteLine($"{c.Name}: MAD {mad:F3} over {both}/{union} pixels, mask agrees on {maskAgree}/{actual.PixelCount}");
            Assert.True(mad <= 0.5, $"mean absolute difference {mad:F3} DN");
            Assert.True(maskAgree >= 0.999 * actual.PixelCount, $"mask agrees on {maskAgree} pixels");
            Assert.True(both >= 0.99 * union, $"{both} of {union} pixels valid in both");
        }
    }

    private static async Task<(RasterData Actual, (float[] Values, byte[] Mask) Expected, int Level)> Warp(GoldenCase c, ResamplingMethod method)
    {
        var raster = GoldenFixtures.OpenSource(c.Source, Crs);
        var grid = new TargetGrid(c.Crs, c.Bounds[0], c.Bounds[1], c.Bounds[2], c.Bounds[3], c.Width, c.Height);
        var actual = await Warper.ReadAsync(raster, grid, null, new ReadOptions(Resampling: method, Reproject: method), Crs, CancellationToken.None);
        var level = raster.Reads.Count == 0 ? 0 : raster.Reads[^1].Level;
        return (actual, GoldenFixtures.Expected(c), level);
    }

    /// <summary>Pixels valid in either, those of them equal by <paramref name="same"/> and valid in both, and mask agreement.</summary>
    private static (int Union, int Identical, int MaskAgree) Compare(RasterData actual, (float[] Values, byte[] Mask) expected, Func<float, float, bool> same)
    {
        int union = 0, identical = 0, maskAgree = 0;
        var values = actual.Band(0);
        for (var i = 0; i < actual.PixelCount; i++)
        {
            var a = actual.Mask[i] != 0;
            var e = expected.Mask[i] != 0;
            if (a == e)
                maskAgree++;
            if (a || e)
                union++;
            if (a && e && same(values[i], expected.Values[i]))
                identical++;
        }
        return (union, identical, maskAgree);
    }
}
