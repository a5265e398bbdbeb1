using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using static OgcTiler.Raster.Tests.Warp.TestRasters;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class WarperTests
{
    private static float Ramp(int band, int x, int y) => 1000 * band + 3 * x + 7 * y + 100;

    [Fact]
    public void ReadAsync_OnTheSourceGrid_CopiesThePixels()
    {
        var raster = Create(100, 80, Ramp);
        using var data = Read(raster, Grid(10, 20, 50, 40));
        Assert.Equal(["b1"], data.BandNames);
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 50; x++)
                Assert.Equal(Ramp(0, x + 10, y + 20), data.Band(0)[y * 50 + x]);
        }
    }

    [Fact]
    public void ReadAsync_ReadsOnlyTheBlocksTheTargetNeeds_InOneCall()
    {
        var raster = Create(256, 256, Ramp, blockSize: 64);
        using var data = Read(raster, Grid(70, 10, 60, 20));
        var read = Assert.Single(raster.Reads);
        Assert.Equal(0, read.Level);
        Assert.Equal([new(1, 0), new(2, 0)], read.Blocks);
    }

    [Fact]
    public void ReadAsync_OutsideTheSource_IsFullyMaskedWithoutReading()
    {
        var raster = Create(100, 100, Ramp);
        using var data = Read(raster, Grid(500, 500, 32, 32));
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(0, m));
        Assert.Empty(raster.Reads);
    }

    [Fact]
    public void ReadAsync_PartlyOutside_MasksTheOutsidePart()
    {
        var raster = Create(100, 100, Ramp);
        using var data = Read(raster, Grid(90, 0, 20, 10));
        for (var x = 0; x < 20; x++)
            Assert.Equal(x < 10 ? 255 : 0, data.Mask[x]);
    }

    [Fact]
    public void Bilinear_HalfAPixelOff_AveragesTheTwoNeighbours()
    {
        var raster = Create(100, 100, Ramp);
        using var data = Read(raster, Grid(10.5, 10, 20, 20), Kernel(ResamplingMethod.Bilinear));
        // Target pixel (x, y) is centred on the edge between source pixels 10+x and 11+x.
        Assert.Equal((Ramp(0, 15, 15) + Ramp(0, 16, 15)) / 2, data.Band(0)[5 * 20 + 5], 3);
    }

    [Fact]
    public void Cubic_ReproducesALinearRampBetweenPixels()
    {
        var raster = Create(100, 100, Ramp);
        using var data = Read(raster, Grid(20.25, 30.75, 10, 10), Kernel(ResamplingMethod.Cubic));
        // Sample (x+0.5+20.25, y+0.5+30.75) in pixel-corner coordinates = pixel-centre index (x+20.25, y+30.75).
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 10; x++)
                Assert.Equal(3 * (x + 20.25) + 7 * (y + 30.75) + 100, data.Band(0)[y * 10 + x], 2);
        }
    }

    [Fact]
    public void Average_OnATwiceCoarserAlignedGrid_IsTheMeanOfEachTwoByTwo()
    {
        var raster = Create(64, 64, (_, x, y) => (x * 31 + y * 17) % 50);
        using var data = Read(raster, Grid(0, 0, 32, 32, pixel: 20), Kernel(ResamplingMethod.Average));
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                float V(int dx, int dy) => (float)(((2 * x + dx) * 31 + (2 * y + dy) * 17) % 50);
                Assert.Equal((V(0, 0) + V(1, 0) + V(0, 1) + V(1, 1)) / 4, data.Band(0)[y * 32 + x], 3);
            }
        }
    }

    [Fact]
    public void Decimating_UsesTheResamplingKernel_WhileUpsamplingUsesTheReprojectKernel()
    {
        var raster = Create(64, 64, (_, x, y) => (x + y) % 2 == 0 ? 0 : 100);
        var options = new ReadOptions(Resampling: ResamplingMethod.Average, Reproject: ResamplingMethod.Nearest);
        using (var coarse = Read(raster, Grid(0, 0, 32, 32, pixel: 20), options))
            Assert.All(coarse.Band(0).ToArray(), v => Assert.Equal(50, v));
        using var fine = Read(raster, Grid(0, 0, 32, 32, pixel: 5), options);
        Assert.Equal([0f, 0f, 100f, 100f], fine.Band(0)[..4].ToArray());
    }

    [Fact]
    public void CoarseTargets_ReadAnOverview()
    {
        var raster = Create(256, 256, Ramp, overviews: 2);
        using var data = Read(raster, Grid(0, 0, 64, 64, pixel: 40));
        Assert.Equal(2, Assert.Single(raster.Reads).Level);
        Assert.Equal(Ramp(0, 4, 8), data.Band(0)[2 * 64 + 1]);
    }

    [Fact]
    public void Nodata_MasksThosePixels()
    {
        var raster = Create(20, 20, (_, x, y) => x == 5 && y == 5 ? 0 : 7, nodata: 0);
        using var data = Read(raster, Grid(0, 0, 20, 20));
        Assert.Equal(0, data.Mask[5 * 20 + 5]);
        Assert.Equal(255, data.Mask[5 * 20 + 6]);
    }

    [Fact]
    public void NodataOption_OverridesTheRastersNodata()
    {
        var raster = Create(20, 20, (_, x, _) => x, nodata: 0);
        using var data = Read(raster, Grid(0, 0, 20, 1), new ReadOptions(Nodata: 3));
        Assert.Equal(255, data.Mask[0]);
        Assert.Equal(0, data.Mask[3]);
    }

    [Fact]
    public void NaN_IsInvalid()
    {
        var raster = Create(20, 20, (_, x, _) => x == 2 ? float.NaN : x);
        using var data = Read(raster, Grid(0, 0, 20, 1));
        Assert.Equal(0, data.Mask[2]);
        Assert.Equal(255, data.Mask[1]);
    }

    [Fact]
    public void TheBlockMask_IsHonoured()
    {
        var raster = Create(20, 20, Ramp, valid: (x, y) => x >= 10);
        using var data = Read(raster, Grid(0, 0, 20, 1));
        Assert.Equal(0, data.Mask[9]);
        Assert.Equal(255, data.Mask[10]);
    }

    [Fact]
    public void Bilinear_NextToInvalidPixels_RenormalisesOverTheValidOnes()
    {
        var raster = Create(20, 20, (_, x, _) => x < 10 ? 0 : 40 + x, nodata: 0);
        using var data = Read(raster, Grid(9.75, 0, 2, 1), Kernel(ResamplingMethod.Bilinear));
        // Target pixel 0 is centred in source pixel 10 near its left edge: pixel 9 is nodata, so pixel 10 alone counts.
        Assert.Equal(50, data.Band(0)[0], 3);
        Assert.Equal(255, data.Mask[0]);
    }

    [Fact]
    public void APixelIsValidWhenAnySelectedBandHoldsData()
    {
        var raster = Create(4, 1, (b, x, _) => b == 0 && x == 1 ? 0 : x == 2 ? 0 : 9, bands: 2, nodata: 0);
        using var data = Read(raster, Grid(0, 0, 4, 1));
        Assert.Equal([255, 255, 0, 255], data.Mask.ToArray());
    }

    [Fact]
    public void Bands_AreSelectedAndNamedInTheRequestedOrder()
    {
        var raster = Create(10, 10, Ramp, bands: 3);
        using var data = Read(raster, Grid(0, 0, 10, 10), bands: [3, 1]);
        Assert.Equal(["b3", "b1"], data.BandNames);
        Assert.Equal(Ramp(2, 4, 5), data.Band(0)[5 * 10 + 4]);
        Assert.Equal(Ramp(0, 4, 5), data.Band(1)[5 * 10 + 4]);
    }

    [Fact]
    public void ABandThatDoesNotExist_IsAnInvalidParameter()
    {
        var raster = Create(10, 10, Ramp, bands: 2);
        var e = Assert.Throws<InvalidParameterException>(() => Read(raster, Grid(0, 0, 10, 10), bands: [3]));
        Assert.Equal("bidx", e.Parameter);
        Assert.Contains("test.tif", e.Message);
    }

    [Fact]
    public void Unscale_AppliesEachBandsScaleAndOffset()
    {
        var scaled = Create(10, 10, Ramp, bands: 2).WithScaling([(0.5, 10), (1, 0)]);
        using var data = Read(scaled, Grid(0, 0, 10, 10), new ReadOptions(Unscale: true));
        Assert.Equal(Ramp(0, 3, 4) * 0.5f + 10, data.Band(0)[4 * 10 + 3]);
        Assert.Equal(Ramp(1, 3, 4), data.Band(1)[4 * 10 + 3]);
        using var raw = Read(scaled, Grid(0, 0, 10, 10));
        Assert.Equal(Ramp(0, 3, 4), raw.Band(0)[4 * 10 + 3]);
    }

    [Fact]
    public void AnUnknownTargetCrs_IsAnInvalidParameter() =>
        Assert.Throws<InvalidParameterException>(() => Read(Create(10, 10, Ramp), new TargetGrid("EPSG:999999", 0, 0, 1, 1, 4, 4)));
}
