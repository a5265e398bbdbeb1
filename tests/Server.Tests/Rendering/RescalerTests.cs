using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Tests.Rendering;

public sealed class RescalerTests
{
    [Fact]
    public void ToBytes_StretchesTruncatesAndClamps()
    {
        float[] values = [0, 1000, 2999, 3000, 6000, -5, float.NaN, 11.77f];
        var output = new byte[values.Length];

        Rescaler.ToBytes(values, new ValueRange(0, 3000), output, 1);

        Assert.Equal(new byte[] { 0, 85, 254, 255, 255, 0, 0, 1 }, output);
    }

    [Fact]
    public void ToBytes_WithStep_WritesEveryNthByte()
    {
        var output = new byte[6];

        Rescaler.ToBytes([-1f, 0f, 1f], new ValueRange(-1, 1), output, 2);

        Assert.Equal(new byte[] { 0, 0, 127, 0, 255, 0 }, output);
    }

    [Fact]
    public void RangeFor_OneRangePerBand_OrTheFirstForAllWhenFewer()
    {
        ValueRange[] ranges = [new(0, 10), new(0, 20)];

        Assert.Equal(new ValueRange(0, 20), Rescaler.RangeFor(ranges, 1, 2));
        Assert.Equal(new ValueRange(0, 10), Rescaler.RangeFor(ranges, 2, 3));
        Assert.Equal(new ValueRange(0, 10), Rescaler.RangeFor([new(0, 10)], 2, 3));
        Assert.Equal(new ValueRange(0, 255), Rescaler.RangeFor(null, 0, 1));
    }
}
