using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Algorithms;

namespace OgcTiler.Server.Tests.Api.Algorithms;

public class AlgorithmTests
{
    private static RasterData Data(int w, int h, params float[][] bands)
    {
        var data = RasterData.Create(w, h, bands.Select((_, i) => $"b{i + 1}").ToArray());
        for (var b = 0; b < bands.Length; b++)
            bands[b].CopyTo(data.Band(b));
        data.Mask.Fill(255);
        return data;
    }

    [Fact]
    public void NormalizedIndex_IsB2MinusB1OverSum()
    {
        using var input = Data(3, 1, [10, 0, 5], [30, 0, 5]);
        using var output = new NormalizedIndex().Apply(input);
        Assert.Equal(["(b2 - b1) / (b2 + b1)"], output.BandNames);
        Assert.Equal(0.5f, output.Band(0)[0]);
        Assert.Equal(0, output.Mask[1]);      // 0/0 masked
        Assert.Equal(0f, output.Band(0)[2]);
        Assert.Equal(255, output.Mask[2]);
    }

    [Fact]
    public void Terrarium_EncodesElevation()
    {
        // 1000.5 m → 33768.5 → R = 131, G = 232, B = 128; decode: R·256 + G + B/256 − 32768 = 1000.5
        using var input = Data(1, 1, [1000.5f]);
        using var output = new Terrarium().Apply(input);
        Assert.Equal([131f, 232f, 128f], [output.Band(0)[0], output.Band(1)[0], output.Band(2)[0]]);
    }

    [Fact]
    public void TerrainRgb_EncodesElevation()
    {
        // Mapbox: h = -10000 + (R·65536 + G·256 + B)·0.1; 1234.5 m → code 112345 = 1·65536 + 182·256 + 217
        using var input = Data(1, 1, [1234.5f]);
        using var output = new TerrainRgb().Apply(input);
        Assert.Equal([1f, 182f, 217f], [output.Band(0)[0], output.Band(1)[0], output.Band(2)[0]]);
    }

    [Fact]
    public void Hillshade_FlatIsSinAltitude_AndBufferIsCropped()
    {
        using var input = Data(8, 8, Enumerable.Repeat(100f, 64).ToArray());
        using var output = new Hillshade(azimuth: 45, angleAltitude: 45, buffer: 3).Apply(input);
        Assert.Equal((2, 2), (output.Width, output.Height));
        // slope = π/2 → shaded = sin(45°) → 255·(0.7071+1)/2 = 217.6 → 217
        Assert.All(output.Band(0).ToArray(), v => Assert.Equal(217f, v));
    }

    [Fact]
    public void Hillshade_MatchesNumpyFormula_OnARamp()
    {
        // Elevation rising by 2 per column: numpy.gradient gives x (along rows) = 0, y (along columns) = 2.
        var ramp = new float[5 * 5];
        for (var i = 0; i < ramp.Length; i++)
            ramp[i] = 2 * (i % 5);
        using var input = Data(5, 5, ramp);
        using var output = new Hillshade(azimuth: 90, angleAltitude: 30, buffer: 1).Apply(input);
        var slope = Math.PI / 2 - Math.Atan(2);
        var aspect = Math.Atan2(0, 2);
        var shaded = Math.Sin(Math.PI / 6) * Math.Sin(slope) + Math.Cos(Math.PI / 6) * Math.Cos(slope) * Math.Cos(Math.PI / 2 - aspect);
        Assert.Equal((float)Math.Truncate(255 * (shaded + 1) / 2), output.Band(0)[4]);
    }
}
