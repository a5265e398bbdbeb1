using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Expressions.Tests;

/// <summary>
/// numexpr's typing and integer rules, as rio-tiler evaluates expressions with it. Cases ported from rio-tiler
/// tests/test_expression.py (test_parse_eval_valid, test_parse, test_apply_expression); the integer rules follow
/// numexpr's interp_body.cpp (int '%' by 0 is 0, C remainder) and expressions.py (kinds and their promotion).
/// </summary>
public sealed class NumexprSemanticsTests
{
    // rio-tiler test_parse_eval_valid, without numexpr's reductions (sum, prod, min, max over an axis).
    [Theory]
    [InlineData("b1*2;b2")]
    [InlineData("b1+b2")]
    [InlineData("b1-b2")]
    [InlineData("b1/b2")]
    [InlineData("b1**2")]
    [InlineData("b1%b2")]
    [InlineData("b1//b2")]
    [InlineData("-b1")]
    [InlineData("b1>0")]
    [InlineData("b1>=b2")]
    [InlineData("(b1>0) & (b2<1)")]
    [InlineData("(b1>0) | (b2<1)")]
    [InlineData("~b1")]
    [InlineData("where(b1>0,b1,0)")]
    [InlineData("where((b1==1) | (b1 > 0.5), 1, 0);b2")]
    [InlineData("sin(b1)")]
    [InlineData("cos(b1)")]
    [InlineData("tan(b1)")]
    [InlineData("arcsin(b1)")]
    [InlineData("arccos(b1)")]
    [InlineData("arctan(b1)")]
    [InlineData("arctan2(b1,b2)")]
    [InlineData("sinh(b1)")]
    [InlineData("cosh(b1)")]
    [InlineData("tanh(b1)")]
    [InlineData("log(b1)")]
    [InlineData("log10(b1)")]
    [InlineData("log1p(b1)")]
    [InlineData("log2(b1)")]
    [InlineData("exp(b1)")]
    [InlineData("expm1(b1)")]
    [InlineData("sqrt(b1)")]
    [InlineData("abs(b1)")]
    [InlineData("round(b1)")]
    [InlineData("sign(b1)")]
    [InlineData("b1/b2;b2+b1")]
    public void RioTilerValidExpressions_Compile(string expression)
    {
        var compiled = ExpressionCompiler.Build(expression, RasterDataType.UInt16);
        Assert.NotEmpty(compiled.Inputs);
    }

    // rio-tiler test_parse: band names ignore case.
    [Theory]
    [InlineData("b1;b2")]
    [InlineData("B1;b2")]
    [InlineData("B1;B2")]
    public void BandNames_IgnoreCase(string expression)
    {
        using var input = Bands.Standard();
        using var output = ExpressionCompiler.Build(expression).Evaluate(input);

        Assert.Equal(input.Band(0).ToArray(), output.Band(0).ToArray());
        Assert.Equal(input.Band(1).ToArray(), output.Band(1).ToArray());
    }

    public static TheoryData<string, Func<double, double, double, double>> FloatCases => new()
    {
        { "sinh(b1)", (a, b, c) => Math.Sinh(a) },
        { "cosh(b1)", (a, b, c) => Math.Cosh(a) },
        { "tanh(b1)", (a, b, c) => Math.Tanh(a) },
        { "arcsinh(b1)", (a, b, c) => Math.Asinh(a) },
        { "arccosh(b2 + 1)", (a, b, c) => Math.Acosh(b + 1) },
        { "arctanh(b1 / 7)", (a, b, c) => Math.Atanh(a / 7) },
        { "log1p(b2 * 1e-6)", (a, b, c) => Math.Log(1 + b * 1e-6) },
        { "expm1(b1 * 1e-4)", (a, b, c) => Math.Exp(a * 1e-4) - 1 },
        { "log2(b2)", (a, b, c) => Math.Log2(b) },
        { "sign(b1)", (a, b, c) => Math.Sign(a) },
        { "real(b1) + imag(b1) + conj(b2)", (a, b, c) => a + b },
        { "fmod(b1, 3)", (a, b, c) => a % 3 },
        { "b2 // 2", (a, b, c) => Math.Floor(b / 2) },
        { "b1 // b3", (a, b, c) => Math.Floor(a / c) },   // by 0: infinite, masked
        { "b1 % b3", (a, b, c) => a - Math.Floor(a / c) * c }, // float '%' by 0: NaN, masked
    };

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatData_FollowsNumexprFunctions(string expression, Func<double, double, double, double> reference)
    {
        using var input = Bands.Standard();
        using var output = ExpressionCompiler.Build(expression).Evaluate(input);

        for (var i = 0; i < Bands.Width; i++)
        {
            var expected = reference(Bands.B1(i), Bands.B2(i), Bands.B3(i));
            if (!double.IsFinite(expected))
            {
                Assert.True(output.Mask[i] == 0, $"pixel {i}: expected masked for {expected}");
                continue;
            }
            Assert.True(output.Mask[i] == 255, $"pixel {i} masked, expected {expected}");
            Assert.True(Math.Abs(output.Band(0)[i] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"pixel {i}: {output.Band(0)[i]} != {expected}");
        }
    }

    // numexpr on integer arrays: OP_MOD_III (i2 ? i1 % i2 : 0, C's remainder), '//' by 0 is 0, '~' is bitwise.
    [Theory]
    [InlineData("b1 % b2", new float[] { 0, 1, 0, -1, 0 })]
    [InlineData("b1 // b2", new float[] { 0, 2, 0, -3, 0 })]
    [InlineData("~b1", new float[] { -8, -8, -1, 6, -6 })]
    [InlineData("b1 % 0", new float[] { 0, 0, 0, 0, 0 })]
    [InlineData("b1 * 2 - b2", new float[] { 14, 11, 0, -17, 10 })]
    public void IntegerData_FollowsNumexprIntegerRules(string expression, float[] expected)
    {
        using var input = RasterData.Create(5, 1, ["b1", "b2"]);
        float[] b1 = [7, 7, 0, -7, 5], b2 = [0, 3, 0, 3, 0];
        b1.CopyTo(input.Band(0));
        b2.CopyTo(input.Band(1));
        input.Mask.Fill(255);

        using var output = ExpressionCompiler.Build(expression, RasterDataType.Int16).Evaluate(input);

        Assert.Equal(expected, output.Band(0).ToArray());
        Assert.Equal([255, 255, 255, 255, 255], output.Mask.ToArray());
    }

    // numexpr's kinds: 8- to 32-bit integer arrays are int (int32), '/' and math functions give double, float32
    // stays float32 with int constants but a Python float constant is double; comparisons are bool.
    [Theory]
    [InlineData(RasterDataType.UInt16, "b1;b1;b1", RasterDataType.Int32)]
    [InlineData(RasterDataType.UInt8, "b1 * 2 + 1", RasterDataType.Int32)]
    [InlineData(RasterDataType.UInt16, "b1 / b2", RasterDataType.Float64)]
    [InlineData(RasterDataType.UInt16, "sqrt(b1)", RasterDataType.Float64)]
    [InlineData(RasterDataType.UInt16, "abs(b1)", RasterDataType.Float64)]
    [InlineData(RasterDataType.UInt16, "b1 > 0", RasterDataType.UInt8)]
    [InlineData(RasterDataType.UInt16, "b1 > 0; b1", RasterDataType.Int32)]
    [InlineData(RasterDataType.Float32, "b1 * 2", RasterDataType.Float32)]
    [InlineData(RasterDataType.Float32, "b1 * 2.0", RasterDataType.Float64)]
    [InlineData(RasterDataType.Float32, "(b2 - b1) / (b2 + b1)", RasterDataType.Float32)]
    [InlineData(RasterDataType.Float64, "b1", RasterDataType.Float64)]
    [InlineData(RasterDataType.Int16, "where(b1 > 0, b1, 0)", RasterDataType.Int32)]
    public void OutputType_IsNumexprs(RasterDataType input, string expression, RasterDataType expected) =>
        Assert.Equal(expected, ExpressionCompiler.Build(expression, input).OutputType);

    // rio-tiler test_apply_expression: uint8 bands of 1 and 2.
    [Fact]
    public void ApplyExpression_Uint8Division_IsAHalf()
    {
        using var input = RasterData.Create(10, 10, ["b1", "b2"]);
        input.Band(0).Fill(1);
        input.Band(1).Fill(2);
        input.Mask.Fill(255);

        var compiled = ExpressionCompiler.Build("b1/b2", RasterDataType.UInt8);
        using var output = compiled.Evaluate(input);

        Assert.All(output.Band(0).ToArray(), v => Assert.Equal(0.5f, v));
        Assert.Equal(RasterDataType.Float64, compiled.OutputType);
    }
}
