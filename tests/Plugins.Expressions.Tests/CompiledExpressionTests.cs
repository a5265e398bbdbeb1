using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Expressions.Tests;

public sealed class CompiledExpressionTests
{
    public static TheoryData<string, Func<double, double, double, double>> Cases => new()
    {
        { "b1 + b2 * b3", (a, b, c) => a + b * c },
        { "(b1 + b2) * b3", (a, b, c) => (a + b) * c },
        { "b1 - b2 - b3", (a, b, c) => a - b - c },
        { "b2 / b3 / 2", (a, b, c) => b / c / 2 },
        { "-b1 ** 2", (a, b, c) => -(a * a) },
        { "2 ** 3 ** 2", (a, b, c) => 512 },
        { "b2 ** -1", (a, b, c) => 1 / b },
        { "b2 ** 0.5", (a, b, c) => Math.Sqrt(b) },
        { "b2 ** b3", (a, b, c) => Math.Pow(b, c) },
        { "b3 % 3", (a, b, c) => c - Math.Floor(c / 3) * 3 },
        { "b2 % -4", (a, b, c) => b - Math.Floor(b / -4) * -4 },
        { "--b1", (a, b, c) => a },
        { "+b1", (a, b, c) => a },
        { "1.5e1 + .5 + 2.", (a, b, c) => 17.5 },
        { "b1 > 0", (a, b, c) => a > 0 ? 1 : 0 },
        { "b1 >= b3", (a, b, c) => a >= c ? 1 : 0 },
        { "b1 < b3", (a, b, c) => a < c ? 1 : 0 },
        { "b3 <= 0", (a, b, c) => c <= 0 ? 1 : 0 },
        { "b3 == 1", (a, b, c) => c == 1 ? 1 : 0 },
        { "b3 != 1", (a, b, c) => c != 1 ? 1 : 0 },
        { "(b1 > 0) & (b3 > 0)", (a, b, c) => a > 0 && c > 0 ? 1 : 0 },
        { "(b1 > 0) | (b3 > 0)", (a, b, c) => a > 0 || c > 0 ? 1 : 0 },
        { "~(b1 > 0)", (a, b, c) => a > 0 ? 0 : 1 },
        { "b1 + 1 > b3 * 2", (a, b, c) => a + 1 > c * 2 ? 1 : 0 },
        { "where(b1 > 0, b2, b3)", (a, b, c) => a > 0 ? b : c },
        { "abs(b1)", (a, b, c) => Math.Abs(a) },
        { "sqrt(b2)", (a, b, c) => Math.Sqrt(b) },
        { "exp(b1 / 4)", (a, b, c) => Math.Exp(a / 4) },
        { "log(b2)", (a, b, c) => Math.Log(b) },
        { "log10(b2)", (a, b, c) => Math.Log10(b) },
        { "sin(b1)", (a, b, c) => Math.Sin(a) },
        { "cos(b1)", (a, b, c) => Math.Cos(a) },
        { "tan(b1 / 8)", (a, b, c) => Math.Tan(a / 8) },
        { "arcsin(b1 / 7)", (a, b, c) => Math.Asin(a / 7) },
        { "arccos(b1 / 7)", (a, b, c) => Math.Acos(a / 7) },
        { "arctan(b1)", (a, b, c) => Math.Atan(a) },
        { "arctan2(b1, b3)", (a, b, c) => Math.Atan2(a, c) },
        { "minimum(b1, b3)", (a, b, c) => Math.Min(a, c) },
        { "maximum(b1, b3)", (a, b, c) => Math.Max(a, c) },
        { "clip(b1, -2, 3)", (a, b, c) => Math.Clamp(a, -2, 3) },
        { "floor(b1)", (a, b, c) => Math.Floor(a) },
        { "ceil(b1)", (a, b, c) => Math.Ceiling(a) },
        { "round(b2)", (a, b, c) => Math.Round(b, MidpointRounding.ToEven) },
        { "(b2 - b1) / (b2 + b1)", (a, b, c) => (b - a) / (b + a) },
        // Precedence and associativity, as in Python: | below &, & below + -, * / % left to right, unary minus
        // below ** but above * /.
        { "(b1 > 0) | (b3 > 0) & (b2 > 5)", (a, b, c) => a > 0 || (c > 0 && b > 5) ? 1 : 0 },
        { "(b1 > 0) & (b3 > 0) | (b2 > 5)", (a, b, c) => (a > 0 && c > 0) || b > 5 ? 1 : 0 },
        { "b1 > 0 & b3", (a, b, c) => a > 0 ? 1 : 0 }, // b1 > (0 & b3)
        { "b3 % 3 * 2", (a, b, c) => (c - Math.Floor(c / 3) * 3) * 2 },
        { "b2 * b3 % 4", (a, b, c) => b * c - Math.Floor(b * c / 4) * 4 },
        { "b2 / 2 * b3", (a, b, c) => b / 2 * c },
        { "-b1 * b2", (a, b, c) => -a * b },
        { "b1 - -b2", (a, b, c) => a + b },
        { "2 * b2 ** 2", (a, b, c) => 2 * b * b },
        { "b2 ** 2 / 4", (a, b, c) => b * b / 4 },
        { "~(b1 > 0) & (b3 != 0)", (a, b, c) => !(a > 0) && c != 0 ? 1 : 0 },
        { "where((b1 > 0) & (b3 < 0), b1 + b2, where(b3 > 0, b3, -b2))", (a, b, c) => a > 0 && c < 0 ? a + b : c > 0 ? c : -b },
        // round halves to even (numpy); out-of-domain and infinite results are masked (the expected value is not finite).
        { "round(b2 - 0.25)", (a, b, c) => Math.Round(b - 0.25, MidpointRounding.ToEven) },
        { "round(-b2 + 0.25)", (a, b, c) => Math.Round(-b + 0.25, MidpointRounding.ToEven) },
        { "sqrt(b1)", (a, b, c) => Math.Sqrt(a) },
        { "arcsin(b1)", (a, b, c) => Math.Asin(a) },
        { "arccos(b1 / 3)", (a, b, c) => Math.Acos(a / 3) },
        { "log(b3)", (a, b, c) => Math.Log(c) },
        { "log10(b1)", (a, b, c) => Math.Log10(a) },
        { "b1 ** 0.5", (a, b, c) => Math.Pow(a, 0.5) },
        { "exp(b2 * 10)", (a, b, c) => (float)Math.Exp(b * 10) }, // float32 overflow: masked
        { "b1 % b3", (a, b, c) => c == 0 ? double.NaN : a - Math.Floor(a / c) * c },
        // A branch that where() does not pick does not mask the pixel.
        { "where(b3 != 0, b2 / b3, 0)", (a, b, c) => c != 0 ? b / c : 0 },
        { "clip(b2, b1, b3)", (a, b, c) => Math.Min(Math.Max(b, a), c) },
        { "minimum(maximum(b1, -1), 1) + arctan2(b3, b1)", (a, b, c) => Math.Min(Math.Max(a, -1), 1) + Math.Atan2(c, a) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_MatchesIndependentDoubleArithmetic(string expression, Func<double, double, double, double> reference)
    {
        using var input = Bands.Standard();
        using var output = ExpressionCompiler.Build(expression).Evaluate(input);

        Assert.Equal(expression, output.BandNames.Single());
        var values = output.Band(0);
        for (var i = 0; i < Bands.Width; i++)
        {
            var expected = reference(Bands.B1(i), Bands.B2(i), Bands.B3(i));
            if (!double.IsFinite(expected))
            {
                Assert.True(output.Mask[i] == 0, $"pixel {i}: expected masked for {expected}");
                continue;
            }
            Assert.True(output.Mask[i] == 255, $"pixel {i} masked, expected {expected}");
            var tolerance = 2e-6 * Math.Max(1, Math.Abs(expected));
            Assert.True(Math.Abs(values[i] - expected) <= tolerance, $"pixel {i}: {values[i]} != {expected}");
        }
    }

    [Fact]
    public void Evaluate_SeveralOutputs_GivesOneBandPerOutputNamedByItsText()
    {
        using var input = Bands.Standard();
        using var output = ExpressionCompiler.Build("b3; b2 ;b1*2").Evaluate(input);

        Assert.Equal(["b3", "b2", "b1*2"], output.BandNames);
        for (var i = 0; i < Bands.Width; i++)
        {
            Assert.Equal((float)Bands.B3(i), output.Band(0)[i]);
            Assert.Equal((float)Bands.B2(i), output.Band(1)[i]);
            Assert.Equal((float)Bands.B1(i) * 2, output.Band(2)[i]);
        }
    }

    [Fact]
    public void Evaluate_DivisionByZeroNaNAndInfinity_AreMasked()
    {
        using var input = Bands.Standard();
        using var output = ExpressionCompiler.Build("b2 / b3; log(b1)").Evaluate(input);

        for (var i = 0; i < Bands.Width; i++)
        {
            var valid = Bands.B3(i) != 0 && Bands.B1(i) > 0;
            Assert.Equal(valid ? 255 : 0, output.Mask[i]);
        }
    }

    [Fact]
    public void Evaluate_InputMask_Propagates()
    {
        using var input = Bands.Standard();
        for (var i = 0; i < Bands.Width; i += 3)
            input.Mask[i] = 0;

        using var output = ExpressionCompiler.Build("b2 + 1").Evaluate(input);

        for (var i = 0; i < Bands.Width; i++)
            Assert.Equal(i % 3 == 0 ? 0 : 255, output.Mask[i]);
    }

    [Fact]
    public void Evaluate_AssetNames_AreBandNames()
    {
        using var input = Bands.Create(("B08", Bands.B2), ("B04_b1", Bands.B3));
        var compiled = ExpressionCompiler.Build("(B08 - B04_b1) / (B08 + B04_b1)");

        using var output = compiled.Evaluate(input);

        Assert.Equal(["B08", "B04_b1"], compiled.Inputs);
        for (var i = 0; i < Bands.Width; i++)
        {
            var expected = (Bands.B2(i) - Bands.B3(i)) / (Bands.B2(i) + Bands.B3(i));
            Assert.Equal(expected, output.Band(0)[i], 5);
        }
    }

    [Fact]
    public void Evaluate_LargeBlock_MatchesScalarLoop()
    {
        using var input = RasterData_512(out var nir, out var red);
        using var output = ExpressionCompiler.Build("(b2-b1)/(b2+b1)").Evaluate(input);

        for (var i = 0; i < nir.Length; i++)
            Assert.Equal((nir[i] - red[i]) / (nir[i] + red[i]), output.Band(0)[i]);
    }

    [Fact]
    public void Evaluate_MissingBand_IsAnInvalidParameter()
    {
        using var input = Bands.Standard();
        var error = Assert.Throws<Abstractions.Errors.InvalidParameterException>(
            () => ExpressionCompiler.Build("b4 + b1").Evaluate(input));
        Assert.Equal("expression", error.Parameter);
        Assert.Contains("'b4'", error.Message);
    }

    [Fact]
    public void Compile_SameText_ReturnsTheCachedInstance()
    {
        var compiler = new ExpressionCompiler();
        Assert.Same(compiler.Compile("b1*2", RasterDataType.UInt16), compiler.Compile("b1*2", RasterDataType.UInt16));
        Assert.NotSame(compiler.Compile("b1*2", RasterDataType.UInt16), compiler.Compile("b1*3", RasterDataType.UInt16));
        Assert.NotSame(compiler.Compile("b1*2", RasterDataType.UInt16), compiler.Compile("b1*2", RasterDataType.Float32));
    }

    private static Abstractions.Raster.RasterData RasterData_512(out float[] nir, out float[] red)
    {
        var data = Abstractions.Raster.RasterData.Create(512, 512, ["b1", "b2"]);
        var random = new Random(42);
        for (var i = 0; i < data.PixelCount; i++)
        {
            data.Band(0)[i] = random.Next(1, 5000);
            data.Band(1)[i] = random.Next(1, 5000);
        }
        data.Mask.Fill(255);
        red = data.Band(0).ToArray();
        nir = data.Band(1).ToArray();
        return data;
    }
}
