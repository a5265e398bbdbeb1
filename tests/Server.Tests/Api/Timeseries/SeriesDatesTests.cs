using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Timeseries;
using OgcTiler.Server.Layers.Time;

namespace OgcTiler.Server.Tests.Api.Timeseries;

/// <summary>Grouping listed items into dates, and a date of several items read first-valid-pixel-wins, with numbers.</summary>
public sealed class SeriesDatesTests
{
    private static readonly SourceInfo Info = new("EPSG:4326", new Bounds(0, 0, 4, 1), new Bounds(0, 0, 4, 1), 1, 4, 1, RasterDataType.Float32, null, ["b1"], [new BandInfo("b1")]);

    [Fact]
    public void PerDay_ItemsOfOneDayAreOneDate_InTimeOrder()
    {
        var a = Item("a", "2024-03-02T10:00:00Z");
        var b = Item("b", "2024-03-01T23:59:59Z");
        var c = Item("c", "2024-03-02T11:30:00Z");

        var dates = SeriesDates.Group([a, b, c], SeriesDates.ParseGrouping("day"));

        Assert.Equal(["2024-03-01", "2024-03-02"], dates.Select(d => d.Label));
        Assert.Equal(["a", "c"], dates[1].Items);
        Assert.Same(b, dates[0].Source);
        Assert.IsType<FirstValidSource>(dates[1].Source);
    }

    [Fact]
    public void PerItem_EachAcquisitionTimeIsADate()
    {
        var dates = SeriesDates.Group([Item("a", "2024-03-02T10:00:00Z"), Item("c", "2024-03-02T11:30:00Z")], SeriesDates.ParseGrouping("item"));

        Assert.Equal(["2024-03-02T10:00:00Z", "2024-03-02T11:30:00Z"], dates.Select(d => d.Label));
    }

    [Fact]
    public async Task ADateOfSeveralItems_TakesEachPixelFromTheFirstItemWithData()
    {
        var first = Item("a", "2024-03-02T10:00:00Z", [1, 0, 3, 0], [255, 0, 255, 0]);
        var second = Item("b", "2024-03-02T11:00:00Z", [9, 8, 0, 0], [255, 255, 0, 0]);
        var source = new FirstValidSource([first, second]);

        using var data = await source.ReadAsync(new TargetGrid("EPSG:4326", 0, 0, 4, 1, 4, 1), ["b1"], ReadOptions.Default, CancellationToken.None);

        Assert.Equal([1f, 8f, 3f, 0f], data.Band(0).ToArray());
        Assert.Equal([255, 255, 255, 0], data.Mask.ToArray());
    }

    /// <summary>
    /// A partly transparent pixel is masked (rio-tiler reader.py: alpha != opaque), so the next item fills it as rio-tiler's
    /// mosaic FirstMethod fills masked pixels; it becomes opaque. One the next item cannot fill keeps its alpha.
    /// </summary>
    [Fact]
    public async Task ADateOfSeveralItems_FillsPartlyTransparentPixels_AndKeepsTheAlphaOfTheOthers()
    {
        var first = Item("a", "2024-03-02T10:00:00Z", [1, 2, 3, 4], [255, 0, 0, 0], alpha: [255, 128, 0, 60]);
        var second = Item("b", "2024-03-02T11:00:00Z", [9, 8, 7, 6], [255, 255, 0, 0]);
        var source = new FirstValidSource([first, second]);

        using var data = await source.ReadAsync(new TargetGrid("EPSG:4326", 0, 0, 4, 1, 4, 1), ["b1"], ReadOptions.Default, CancellationToken.None);

        Assert.Equal([1f, 8f, 3f, 4f], data.Band(0).ToArray());
        Assert.Equal([255, 255, 0, 0], data.Mask.ToArray());
        Assert.Equal([(ushort)255, 255, 0, 60], data.Alpha.ToArray());
    }

    private static FakeItem Item(string id, string time, float[]? values = null, byte[]? mask = null, ushort[]? alpha = null) =>
        new(id, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), values ?? [0, 0, 0, 0], mask ?? [0, 0, 0, 0], alpha);

    /// <summary>One dated item of four pixels, with an alpha band when given.</summary>
    private sealed class FakeItem(string id, DateTimeOffset time, float[] values, byte[] mask, ushort[]? alpha) : ITimedSource
    {
        public string Id => id;

        public SourceInfo Info => SeriesDatesTests.Info;

        public IReadOnlyList<PartTime> Times { get; } = [new PartTime(id, new TimeRange(time, time))];

        public IRasterSource? During(IReadOnlyList<TimeRange> ranges) => ranges.Any(r => r.Meets(Times[0].Time)) ? this : null;

        public Task<ITimedSource> ReopenAsync(CancellationToken cancellationToken) => Task.FromResult<ITimedSource>(this);

        public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
        {
            var data = RasterData.Create(4, 1, bands);
            values.CopyTo(data.Band(0));
            mask.CopyTo(data.Mask);
            alpha?.CopyTo(data.AddAlpha());
            return Task.FromResult(data);
        }
    }
}
