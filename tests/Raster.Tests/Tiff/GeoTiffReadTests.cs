using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>The dataset end to end through the warper: a read on the file's own grid returns its pixels.</summary>
public sealed class GeoTiffReadTests
{
    [Theory]
    [InlineData("deflate_p2_u16.tif")]
    [InlineData("planar2_tiled_u16x3.tif")]
    [InlineData("bigendian_p3_f32.tif")]
    public async Task ReadAsync_NativeGrid_ReturnsTheFilesPixels(string name)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var b = dataset.Info.NativeBounds;
        var grid = new TargetGrid(dataset.Info.Crs, b.MinX, b.MinY, b.MaxX, b.MaxY, dataset.Info.Width, dataset.Info.Height);

        using var data = await dataset.ReadAsync(grid, null, ReadOptions.Default, CancellationToken.None);

        var expected = TiffFixtures.Reference(TiffFixtures.Entry(name).GetProperty("levels")[0].GetProperty("ref").GetString()!);
        Assert.Equal(expected, data.AllSamples.ToArray());
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
    }

    [Fact]
    public async Task ReadAsync_InternalMask_MasksPixelsOutsideTheEllipse()
    {
        var dataset = await TiffFixtures.OpenAsync("cog_mask_u16.tif");
        var b = dataset.Info.NativeBounds;
        var grid = new TargetGrid(dataset.Info.Crs, b.MinX, b.MinY, b.MaxX, b.MaxY, dataset.Info.Width, dataset.Info.Height);

        using var data = await dataset.ReadAsync(grid, null, ReadOptions.Default, CancellationToken.None);

        var expected = TiffFixtures.Reference(TiffFixtures.Entry("cog_mask_u16.tif").GetProperty("levels")[0].GetProperty("mask").GetString()!);
        Assert.Equal(expected, data.Mask.ToArray().Select(m => (float)m));
    }

    [Fact]
    public async Task ReadAsync_Unscale_AppliesEachBandsScaleAndOffset()
    {
        const string name = "cog_scale_offset_i16.tif";
        var dataset = await TiffFixtures.OpenAsync(name);
        var b = dataset.Info.NativeBounds;
        var grid = new TargetGrid(dataset.Info.Crs, b.MinX, b.MinY, b.MaxX, b.MaxY, dataset.Info.Width, dataset.Info.Height);

        using var data = await dataset.ReadAsync(grid, null, ReadOptions.Default with { Unscale = true }, CancellationToken.None);

        var raw = TiffFixtures.Reference(TiffFixtures.Entry(name).GetProperty("levels")[0].GetProperty("ref").GetString()!);
        var pixels = dataset.Info.Width * dataset.Info.Height;
        for (var band = 0; band < dataset.Info.BandCount; band++)
        {
            var (scale, offset) = (dataset.Info.Bands[band].Scale, dataset.Info.Bands[band].Offset);
            Assert.False(scale == 1 && offset == 0, "the fixture should carry a scale or offset on every band");
            var values = data.Band(band).ToArray();
            for (var i = 0; i < pixels; i += 37)
                Assert.Equal((float)(raw[band * pixels + i] * scale + offset), values[i], 3);
        }
    }
}
