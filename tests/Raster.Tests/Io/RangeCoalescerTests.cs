using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tests.Io;

public sealed class RangeCoalescerTests
{
    [Fact]
    public void Coalesce_AdjacentAndNearRanges_MergeIntoOne()
    {
        var merged = RangeCoalescer.Coalesce([new ByteRange(1000, 100), new ByteRange(0, 1000), new ByteRange(1100 + 500, 50)]);

        Assert.Equal([new ByteRange(0, 1650)], merged);
    }

    [Fact]
    public void Coalesce_RangesFartherThanTheGap_StayApart()
    {
        var merged = RangeCoalescer.Coalesce([new ByteRange(0, 10), new ByteRange(10 + RangeCoalescer.MaxGap + 1, 10)]);

        Assert.Equal(2, merged.Count);
    }

    [Fact]
    public void Coalesce_OverlappingAndEmptyRanges_CoverEveryNonEmptyInput()
    {
        ByteRange[] input = [new(50, 100), new(60, 10), new(500, 0), new(140, 30)];

        var merged = RangeCoalescer.Coalesce(input);

        Assert.Equal([new ByteRange(50, 120)], merged);
    }

    [Fact]
    public void Coalesce_NeverMergesBeyondTheMaximumRequest()
    {
        var blocks = Enumerable.Range(0, 40).Select(i => new ByteRange(i * 1024L * 1024, 1024 * 1024)).ToList();

        var merged = RangeCoalescer.Coalesce(blocks);

        Assert.All(merged, r => Assert.True(r.Length <= RangeCoalescer.MaxMerged));
        Assert.Equal(40L * 1024 * 1024, merged.Sum(r => r.Length));
    }
}
