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

    /// <summary>A grid of 10 m pixels matching the data, as the source would have read it.</summary>
    private static AlgorithmInput Context(RasterData data, RasterDataType type = RasterDataType.Float32) =>
        new(new TargetGrid("EPSG:3857", 0, 0, 10 * data.Width, 10 * data.Height, data.Width, data.Height), type);

    [Fact]
    public void NormalizedIndex_IsB2MinusB1OverSum()
    {
        using var input = Data(3, 1, [10, 0, 5], [30, 0, 5]);
        using var output = new NormalizedIndex().Apply(input, Context(input));
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
        using var output = new Terrarium().Apply(input, Context(input));
        Assert.Equal([131f, 232f, 128f], [output.Band(0)[0], output.Band(1)[0], output.Band(2)[0]]);
    }

    [Fact]
    public void TerrainRgb_EncodesElevation()
    {
        // Mapbox: h = -10000 + (R·65536 + G·256 + B)·0.1; 1234.5 m → code 112345 = 1·65536 + 182·256 + 217
        using var input = Data(1, 1, [1234.5f]);
        using var output = new TerrainRgb().Apply(input, Context(input));
        Assert.Equal([1f, 182f, 217f], [output.Band(0)[0], output.Band(1)[0], output.Band(2)[0]]);
    }

    [Fact]
    public void Hillshade_FlatIsSinAltitude_AndBufferIsCropped()
    {
        using var input = Data(8, 8, Enumerable.Repeat(100f, 64).ToArray());
        using var output = new Hillshade(azimuth: 45, angleAltitude: 45, buffer: 3).Apply(input, Context(input));
        Assert.Equal((2, 2), (output.Width, output.Height));
        // slope = π/2 → shaded = sin(45°) → 255·(0.7071+1)/2 = 217.6 → 217
        Assert.All(output.Band(0).ToArray(), v => Assert.Equal(217f, v));
    }

    [Fact]
    public void Hillshade_MatchesNumpyFormula_OnARamp()
    {
        // TiTiler 2.x turns the azimuth: 360 − 90 = 270°.
        // Elevation rising by 2 per column: numpy.gradient gives x (along rows) = 0, y (along columns) = 2.
        var ramp = new float[5 * 5];
        for (var i = 0; i < ramp.Length; i++)
            ramp[i] = 2 * (i % 5);
        using var input = Data(5, 5, ramp);
        using var output = new Hillshade(azimuth: 90, angleAltitude: 30, buffer: 1).Apply(input, Context(input));
        var slope = Math.PI / 2 - Math.Atan(2);
        var aspect = Math.Atan2(0, 2);
        var shaded = Math.Sin(Math.PI / 6) * Math.Sin(slope) + Math.Cos(Math.PI / 6) * Math.Cos(slope) * Math.Cos(3 * Math.PI / 2 - aspect);
        Assert.Equal((float)Math.Truncate(255 * (shaded + 1) / 2), output.Band(0)[4]);
    }

    // Ported from titiler core/tests/test_algorithms.py (test_hillshade, test_slope): 262 px in, buffer 3 cropped,
    // 256 px out; a masked input pixel stays masked.
    [Theory]
    [InlineData("hillshade")]
    [InlineData("slope")]
    public void BufferedDemAlgorithms_Crop262To256_AndKeepTheMask(string name)
    {
        var random = new Random(1);
        using var input = Data(262, 262, Enumerable.Range(0, 262 * 262).Select(_ => (float)random.Next(0, 5000)).ToArray());
        input.Mask[3 * 262 + 3] = 0;
        using var output = Create(name).Apply(input, Context(input));
        Assert.Equal((256, 256), (output.Width, output.Height));
        Assert.Equal(0, output.Mask[0]);
        Assert.Equal(255, output.Mask[1]);
        Assert.All(output.Band(0).ToArray(), v => Assert.InRange(v, 0f, name == "slope" ? 90f : 255f));
    }

    [Fact]
    public void Slope_IsDegreesOverThePixelSize()
    {
        // Rising 10 per column with 10 m pixels: dy = 1 → 45°.
        var ramp = Enumerable.Range(0, 49).Select(i => 10f * (i % 7)).ToArray();
        using var input = Data(7, 7, ramp);
        using var output = new Slope(buffer: 3).Apply(input, Context(input));
        Assert.Equal(45f, output.Band(0)[0], 4);
    }

    // test_algorithms.py test_terrarium / test_terrainrgb: masked pixels decode to nodata_height when given.
    [Fact]
    public void TerrainEncodings_WriteNodataHeightUnderTheMask()
    {
        using var input = Data(2, 1, [1000f, 1000f]);
        input.Mask[1] = 0;
        using var terrarium = new Terrarium(nodataHeight: 10).Apply(input, Context(input));
        Assert.Equal(10.0, terrarium.Band(0)[1] * 256 + terrarium.Band(1)[1] + terrarium.Band(2)[1] / 256 - 32768);
        Assert.Equal(1000.0, terrarium.Band(0)[0] * 256 + terrarium.Band(1)[0] + terrarium.Band(2)[0] / 256 - 32768);
        using var rgb = new TerrainRgb(nodataHeight: 10).Apply(input, Context(input));
        Assert.Equal(10.0, -10000 + (rgb.Band(0)[1] * 65536 + rgb.Band(1)[1] * 256 + rgb.Band(2)[1]) * 0.1, 6);
        Assert.Equal(0, rgb.Mask[1]);
    }

    // test_algorithms.py test_ops: 1.6 → cast 1, floor 1, ceil 2; the mask is kept.
    [Theory]
    [InlineData("cast", 1f)]
    [InlineData("floor", 1f)]
    [InlineData("ceil", 2f)]
    public void IntegerCasts_AsNumpy(string name, float expected)
    {
        using var input = Data(3, 1, [1.6f, 300f, 7f]);
        input.Mask[2] = 0;
        using var output = Create(name).Apply(input, Context(input));
        Assert.Equal(expected, output.Band(0)[0]);
        Assert.Equal(44f, output.Band(0)[1]); // numpy: 300 → uint8 wraps to 44
        Assert.Equal(0, output.Mask[2]);
    }

    // test_algorithms.py test_math_algorithm, against numpy.ma.<name>(axis=0, ddof=1 for std/var) computed by hand.
    [Theory]
    [InlineData("min", 1.0)]
    [InlineData("max", 7.0)]
    [InlineData("median", 2.0)]
    [InlineData("mean", 10.0 / 3)]
    [InlineData("std", 3.2145502536643185)]
    [InlineData("var", 10.333333333333334)]
    [InlineData("sum", 10.0)]
    public void BandReductions_AlongTheBandsAxis(string name, double expected)
    {
        using var input = Data(2, 1, [1f, 0f], [7f, 0f], [2f, 0f]);
        input.Mask[1] = 0;
        using var output = Create(name).Apply(input, Context(input));
        Assert.Equal([name], output.BandNames);
        Assert.Equal(expected, output.Band(0)[0], 5);
        Assert.Equal(0, output.Mask[1]);
    }

    [Fact]
    public void Std_OfOneBand_IsMasked()
    {
        using var input = Data(1, 1, [5f]);
        using var output = Create("std").Apply(input, Context(input));
        Assert.Equal(0, output.Mask[0]);
    }

    // test_algorithms.py test_bitonal_algorithm and test_grayscale_algorithm.
    [Fact]
    public void Bitonal_OneOrThreeBands()
    {
        using var one = Data(2, 1, [200f, 0f]);
        using var bitonal = new Bitonal().Apply(one, Context(one));
        Assert.Equal([255f, 0f], bitonal.Band(0).ToArray());
        using var three = Data(1, 1, [200f], [200f], [200f]);
        Assert.Equal(255f, new Bitonal().Apply(three, Context(three)).Band(0)[0]);
        IRasterAlgorithm algorithm = new Bitonal();
        Assert.False(algorithm.Accepts(4));
        Assert.False(algorithm.Accepts(2));
    }

    [Fact]
    public void Grayscale_IsLuma_TruncatedForIntegerData()
    {
        using var input = Data(1, 1, [201f], [200f], [200f]);
        using var uint8 = new Grayscale().Apply(input, Context(input, RasterDataType.UInt8));
        Assert.Equal(200f, uint8.Band(0)[0]); // 200.299 → 200
        using var float32 = new Grayscale().Apply(input, Context(input));
        Assert.Equal(200.299f, float32.Band(0)[0], 3);
        IRasterAlgorithm algorithm = new Grayscale();
        Assert.False(algorithm.Accepts(2));
    }

    private static IRasterAlgorithm Create(string name)
    {
        Assert.True(AlgorithmParser.TryGet(name, out var definition));
        return definition.Create(new AlgorithmArguments(definition, []), null);
    }
}
