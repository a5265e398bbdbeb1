using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Colormaps.Custom;

namespace OgcTiler.Plugins.Colormaps.Tests.Custom;

public sealed class CustomColormapParserTests
{
    [Fact]
    public void Discrete_MapsEqualValuesAndLeavesOthersTransparent()
    {
        var colormap = CustomColormapParser.Parse("""{"1": "#ff0000", "2": [0, 255, 0, 255], "7": "#00f8", "3": [1, 2, 3]}""");
        float[] values = [1, 2, 3, 7, 4, 1.5f];
        var mask = new byte[] { 255, 255, 255, 255, 255, 255 };
        var rgba = new byte[values.Length * 4];

        colormap.Apply(values, mask, rgba);

        Assert.Equal([255, 0, 0, 255, 0, 255, 0, 255, 1, 2, 3, 255, 0, 0, 255, 0x88, 0, 0, 0, 0, 0, 0, 0, 0], rgba);
        Assert.Equal([255, 255, 255, 255, 0, 0], mask);
        Assert.Equal([1.0, 2, 3, 7], colormap.Entries.Select(e => e.Min));
    }

    [Fact]
    public void Intervals_UseHalfOpenRanges_LaterIntervalsWin()
    {
        var colormap = CustomColormapParser.Parse("[[[0, 10], [255, 0, 0, 255]], [[10, 20], \"#00ff00\"], [[15, 30], [0, 0, 255, 128]]]");
        float[] values = [0, 9.99f, 10, 15, 29.9f, 30, -1];
        var mask = Enumerable.Repeat((byte)255, values.Length).ToArray();
        var rgba = new byte[values.Length * 4];

        colormap.Apply(values, mask, rgba);

        Assert.Equal(
            [255, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 128, 0, 0, 255, 128, 0, 0, 0, 0, 0, 0, 0, 0],
            rgba);
        Assert.Equal([255, 255, 255, 255, 255, 0, 0], mask);
    }

    [Fact]
    public void Discrete_KeysBeyondAByteAndNegativeKeys_AreClasses()
    {
        var colormap = CustomColormapParser.Parse("""{"1000": "#010203", "-5": "#040506", "0": "#070809"}""");
        float[] values = [1000, -5, 0, 999.5f, 255];
        var mask = Enumerable.Repeat((byte)255, values.Length).ToArray();
        var rgba = new byte[values.Length * 4];

        colormap.Apply(values, mask, rgba);

        Assert.Equal([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 0, 0, 0, 0, 0, 0, 0, 0], rgba);
        Assert.Equal([255, 255, 255, 0, 0], mask);
    }

    [Theory]
    [InlineData("""{"1": "#f00", "2": "#00ff0080", "3": [9, 9, 9, 0]}""")]
    [InlineData("""[[[0.5, 1.5], "#f00"], [[1.5, 2.5], [0, 255, 0, 128]], [[2.5, 3.5], [9, 9, 9, 0]]]""")]
    public void MaskedNaNAndAlphaZero_AreTransparent(string json)
    {
        var colormap = CustomColormapParser.Parse(json);
        // A colour value masked on input, NaN, the first colour, the second, the alpha-0 colour.
        float[] values = [1, float.NaN, 1, 2, 3];
        byte[] mask = [0, 255, 255, 255, 255];
        var rgba = new byte[values.Length * 4];

        colormap.Apply(values, mask, rgba);

        Assert.Equal([0, 0, 255, 255, 0], mask);
        Assert.Equal([0, 0, 255, 128, 0], Enumerable.Range(0, values.Length).Select(i => rgba[i * 4 + 3]));
        Assert.Equal([255, 0, 0, 0, 255, 0], rgba[8..16].Take(3).Concat(rgba[12..15]));
    }

    [Theory]
    [InlineData("{\"1\": \"#ff00f\"}", "'#ff00f'")]
    [InlineData("{\"a\": \"#ff0000\"}", "key 'a'")]
    [InlineData("{\"1\": [0, 300, 0]}", "0..255")]
    [InlineData("{\"1\": [0, 0]}", "3 or 4 values")]
    [InlineData("[[[5, 1], [0, 0, 0]]]", "empty")]
    [InlineData("[[0, 1, [0, 0, 0]]]", "[[min, max], colour]")]
    [InlineData("{\"1\": ", "not valid JSON")]
    [InlineData("42", "expected an object")]
    public void Parse_BadJson_IsAnInvalidColormapParameter(string json, string fragment)
    {
        var error = Assert.Throws<InvalidParameterException>(() => CustomColormapParser.Parse(json));
        Assert.Equal("colormap", error.Parameter);
        Assert.Contains(fragment, error.Message);
    }
}
