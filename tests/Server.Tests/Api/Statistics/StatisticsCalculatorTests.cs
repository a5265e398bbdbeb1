using System.Text.Json;
using OgcTiler.Server.Api.Statistics;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Tests.Api.Titiler;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Statistics;

/// <summary>Against numpy (tests/data/api/make_stats_reference.py, rio-tiler's definitions).</summary>
public class StatisticsCalculatorTests
{
    private static readonly JsonElement[] Reference =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("api", "stats_reference.json"))).RootElement.EnumerateArray().ToArray();

    public static TheoryData<string> CaseNames => new(Reference.Select(r => r.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesNumpy(string name)
    {
        var c = Reference.Single(r => r.GetProperty("name").GetString() == name);
        var data = c.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var mask = c.GetProperty("mask").EnumerateArray().Select(v => (byte)(v.GetInt32() * 255)).ToArray();
        var query = string.Join('&', c.GetProperty("query").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => $"{p.Name}={p.Value.GetString()}"));
        var parameters = StatisticsParameters.Parse(QueryStrings.Reader(query));

        var json = StatisticsCalculator.Compute(data, mask, parameters).ToJson("b1");

        var expected = c.GetProperty("expected");
        foreach (var key in new[] { "min", "max", "median", "majority", "minority", "unique", "count", "valid_pixels", "masked_pixels", "valid_percent" })
            Assert.Equal(expected.GetProperty(key).GetDouble(), (double)json[key]!);
        foreach (var p in parameters.Percentiles)
            Assert.Equal(expected.GetProperty($"percentile_{p}").GetDouble(), (double)json[$"percentile_{p}"]!);
        foreach (var key in new[] { "mean", "sum", "std" })
            Assert.Equal(expected.GetProperty(key).GetDouble(), (double)json[key]!, 1e-9 * Math.Max(1, Math.Abs(expected.GetProperty(key).GetDouble())));
        var histogram = (object[])json["histogram"]!;
        var expectedHistogram = expected.GetProperty("histogram");
        Assert.Equal(expectedHistogram[0].EnumerateArray().Select(v => v.GetInt64()), (IReadOnlyList<long>)histogram[0]);
        var edges = (IReadOnlyList<double>)histogram[1];
        var expectedEdges = expectedHistogram[1].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(expectedEdges.Length, edges.Count);
        for (var i = 0; i < edges.Count; i++)
            Assert.Equal(expectedEdges[i], edges[i], 1e-12);
    }

    [Fact]
    public void NoValidPixel_GivesNullsAndZeroCounts()
    {
        var json = StatisticsCalculator.Compute(new float[4], new byte[4], StatisticsParameters.Default).ToJson("b1");
        Assert.Null(json["min"]);
        Assert.Null(json["mean"]);
        Assert.Null(json["percentile_2"]);
        Assert.Equal(0.0, json["valid_pixels"]);
        Assert.Equal(4.0, json["masked_pixels"]);
        Assert.Equal(0.0, json["valid_percent"]);
    }

    [Fact]
    public void NonFiniteValues_CountAsMasked()
    {
        float[] data = [1, float.NaN, float.PositiveInfinity, 3];
        var json = StatisticsCalculator.Compute(data, [255, 255, 255, 255], StatisticsParameters.Default).ToJson("b1");
        Assert.Equal(2.0, json["valid_pixels"]);
        Assert.Equal(2.0, json["mean"]);
        Assert.Equal(50.0, json["valid_percent"]);
    }
}
