using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Mosaic;

namespace OgcTiler.Plugins.Stac.Tests.Mosaic;

public class PixelSelectionTests
{
    private static RasterData Read(float[] values, byte[] mask)
    {
        var data = RasterData.Create(values.Length, 1, ["b"]);
        values.CopyTo(data.Band(0));
        mask.CopyTo(data.Mask);
        return data;
    }

    [Theory]
    [InlineData("first", new float[] { 5, 7, 1, 0 }, new byte[] { 255, 255, 255, 0 })]
    [InlineData("highest", new float[] { 9, 7, 4, 0 }, new byte[] { 255, 255, 255, 0 })]
    [InlineData("lowest", new float[] { 4, 7, 1, 0 }, new byte[] { 255, 255, 255, 0 })]
    [InlineData("mean", new float[] { 6, 7, 2.5f, 0 }, new byte[] { 255, 255, 255, 0 })]
    [InlineData("median", new float[] { 5.5f, 7, 2.5f, 0 }, new byte[] { 255, 255, 255, 0 })]
    [InlineData("count", new float[] { 4, 1, 2, 0 }, new byte[] { 255, 255, 255, 255 })]
    public void Methods_OnFourReads(string method, float[] expected, byte[] expectedMask)
    {
        // pixel 0: 5 6 9 4; pixel 1: only 7; pixel 2: 1 and 4 (the first read is masked there); pixel 3: no data.
        float[][] values = [[5, 7, 0, 0], [6, 0, 1, 0], [9, 0, 4, 0], [4, 0, 0, 0]];
        byte[][] masks = [[255, 255, 0, 0], [255, 0, 255, 0], [255, 0, 255, 0], [255, 0, 0, 0]];
        using var output = RasterData.Create(4, 1, ["b"]);
        var selection = PixelSelection.Create(method, output);

        for (var i = 0; i < values.Length; i++)
        {
            using var read = Read(values[i], masks[i]);
            selection.Feed(read);
        }
        selection.Finish();

        Assert.Equal(expectedMask, output.Mask.ToArray());
        for (var p = 0; p < 4; p++)
        {
            if (expectedMask[p] != 0)
                Assert.Equal(expected[p], output.Band(0)[p], 5);
        }
    }

    [Fact]
    public void First_IsCompleteOnceEveryPixelIsFilled()
    {
        using var output = RasterData.Create(2, 1, ["b"]);
        var first = PixelSelection.Create("first", output);

        using (var read = Read([1, 0], [255, 0]))
            first.Feed(read);
        Assert.False(first.IsComplete);
        using (var read = Read([3, 2], [255, 255]))
            first.Feed(read);

        Assert.True(first.IsComplete);
        Assert.Equal([1f, 2], output.Band(0).ToArray());
    }

    [Fact]
    public void Median_RefusesToHoldMoreThanItsMemoryLimit()
    {
        using var output = RasterData.Create(100, 100, ["b"]);
        var median = new MedianSelection(output, maxBytes: 100_000);
        using var read = RasterData.Create(100, 100, ["b"]);

        median.Feed(read);
        median.Feed(read);
        var ex = Assert.Throws<InvalidParameterException>(() => median.Feed(read));

        Assert.Equal("pixel_selection", ex.Parameter);
        Assert.StartsWith("median over more than 2 items of 100x100x1 would hold over 0 MiB", ex.Message);
    }
}
