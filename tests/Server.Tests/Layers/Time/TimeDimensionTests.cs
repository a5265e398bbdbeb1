using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Tests.Layers.Time;

/// <summary>Grouping item times into values and resolving request values (WMS 1.3.0 Annex C), with numbers.</summary>
public sealed class TimeDimensionTests
{
    private static readonly DateTimeOffset Now = new(2024, 12, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly PartTime[] Items =
    [
        Item("a", "2024-01-15T08:44:29Z"),
        Item("a2", "2024-01-15T10:00:00Z"),
        Item("b", "2024-04-14T08:42:51Z"),
        new("c", new TimeRange(At("2024-07-23T00:00:00Z"), At("2024-07-25T00:00:00Z"))),
    ];

    [Theory]
    [InlineData("P1D", "2024-01-15,2024-04-14,2024-07-23")]
    [InlineData("P1M", "2024-01,2024-04,2024-07")]
    [InlineData("P1Y", "2024")]
    [InlineData("PT0S", "2024-01-15T08:44:29Z,2024-01-15T10:00:00Z,2024-04-14T08:42:51Z,2024-07-23T00:00:00Z")]
    public void Steps_AreTheDistinctStartsAtTheResolution(string resolution, string values)
    {
        var dimension = Dimension(TimeResolutions.Names[resolution]);

        Assert.Equal(values, string.Join(',', dimension.Steps.Select(s => s.Label)));
    }

    [Fact]
    public void ADay_CoversEveryItemOfThatDay()
    {
        var selection = Dimension().Select("2024-01-15", Now)!;

        Assert.Equal("2024-01-15", selection.Key);
        Assert.Equal([new TimeRange(At("2024-01-15T00:00:00Z"), At("2024-01-16T00:00:00Z").AddTicks(-1))], selection.Ranges);
    }

    [Theory]
    [InlineData(null, "2024-07-23")]
    [InlineData("current", "2024-07-23")]
    [InlineData("2024-04-14T08:42:51Z", "2024-04-14")]
    [InlineData("2024-01", "2024-01-15")]
    [InlineData("2024", "2024-01-15,2024-04-14,2024-07-23")]
    [InlineData("2024-01-15,2024-07-23", "2024-01-15,2024-07-23")]
    public void Values_ResolveToTheStepsTheyMeet(string? value, string key)
    {
        Assert.Equal(key, Dimension().Select(value, Now)!.Key);
    }

    [Fact]
    public void ARange_ReadsItsOwnInterval_AndCurrentEndsNow()
    {
        var selection = Dimension().Select("2024-04-01/current", Now)!;

        Assert.Equal([new TimeRange(At("2024-04-01T00:00:00Z"), Now)], selection.Ranges);
    }

    [Fact]
    public void NearestValue_PicksTheClosestStep_AndSaysSo()
    {
        var dimension = Dimension(nearest: true);

        Assert.Equal("2024-04-14", dimension.Select("2024-05-01", Now)!.NearestUsed);
        Assert.Equal("2024-07-23", dimension.Select("2025-03-01", Now)!.NearestUsed);
        Assert.Null(dimension.Select("2024-04-14", Now)!.NearestUsed);
    }

    [Theory]
    [InlineData("2024-05-01", "matches none of the times of layer 'l' (2024-01-15, 2024-04-14, 2024-07-23)")]
    [InlineData("2023-01-01/2023-12-31", "matches none of the times")]
    [InlineData("May", "is not an ISO 8601 time")]
    [InlineData("2024-05-01/2024-01-01", "starts after it ends")]
    [InlineData("2024-01-01/2024-12-31/P1D", "a period such as start/end/P1D is not supported")]
    public void BadValues_AreInvalidTime(string value, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Dimension().Select(value, Now));

        Assert.Equal("time", error.Parameter);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void NoDefault_GivesNoSelectionWithoutAValue()
    {
        var dimension = new TimeDimension("l", new TimeOptions(TimeResolution.Day, null, 0, false), Items);

        Assert.Null(dimension.Select(null, Now));
        Assert.Null(dimension.DefaultValue);
    }

    [Fact]
    public void Version_ChangesWithTheItems()
    {
        Assert.Equal(Dimension().Version, Dimension().Version);
        Assert.NotEqual(Dimension().Version, new TimeDimension("l", Options(), Items[..3]).Version);
    }

    [Fact]
    public void ItemsWithoutTimes_AreAnError()
    {
        Assert.Throws<ResourceNotFoundException>(() => new TimeDimension("l", Options(), []));
    }

    private static TimeDimension Dimension(TimeResolution resolution = TimeResolution.Day, bool nearest = false) =>
        new("l", Options(resolution, nearest), Items);

    private static TimeOptions Options(TimeResolution resolution = TimeResolution.Day, bool nearest = false) =>
        new(resolution, TimeOptions.Latest, 0, nearest);

    private static PartTime Item(string id, string time) => new(id, new TimeRange(At(time), At(time)));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
