using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Expressions.Syntax;

namespace OgcTiler.Plugins.Expressions.Tests.Syntax;

public sealed class ParserTests
{
    [Theory]
    [InlineData("(b4-b3)/(b4+b3))", "expression: unexpected ')' at column 16")]
    [InlineData("(b4-b3)/(b4+b3", "expression: unexpected end of expression at column 15, expected ')'")]
    [InlineData("b1 + * b2", "expression: unexpected '*' at column 6")]
    [InlineData("b1 $ b2", "expression: unexpected '$' at column 4")]
    [InlineData("", "expression: the expression is empty")]
    [InlineData("b1;;b2", "expression: unexpected ';' at column 4")]
    [InlineData("b1;", "expression: unexpected end of expression at column 4")]
    [InlineData("foo(b1)", "expression: unknown function 'foo'")]
    [InlineData("clip(b1, 0)", "expression: clip() takes 3 arguments, not 2, at column 1")]
    [InlineData("clip(b1, 0 b2)", "expression: unexpected 'b2' at column 12, expected ','")]
    [InlineData("sqrt(b1, 2)", "expression: sqrt() takes 1 argument, not 2, at column 1")]
    [InlineData("sqrt + 1", "expression: function 'sqrt' needs arguments in parentheses at column 1")]
    [InlineData("0 < b1 < 5", "expression: chained comparison '<' (use parentheses and '&') at column 8")]
    [InlineData("12abc", "expression: invalid number '12a' at column 1")]
    [InlineData("1.2.3", "expression: invalid number '1.2.3' at column 1")]
    [InlineData("b1 b2", "expression: unexpected 'b2' at column 4, expected an operator, ';' or the end")]
    [InlineData("where(b1, b2)", "expression: where() takes 3 arguments, not 2, at column 1")]
    [InlineData("()", "expression: unexpected ')' at column 2, expected a number, a band name, a function or '('")]
    [InlineData("b1,b2", "expression: unexpected ',' at column 3, expected an operator, ';' or the end")]
    [InlineData("b1 and b2", "expression: unexpected 'and' at column 4")]
    public void Parse_BadSyntax_ReportsWhatAndWhere(string expression, string messageStart)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(expression));
        Assert.Equal("expression", error.Parameter);
        Assert.StartsWith(messageStart, error.Message);
    }

    [Fact]
    public void Parse_TooLong_IsRejected()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(string.Join("+", Enumerable.Repeat("b1", 1000))));
        Assert.Contains("limit of 2048", error.Message);
    }

    [Fact]
    public void Parse_TooManyNodes_IsRejected()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parser.Parse(string.Join("+", Enumerable.Repeat("1", 400))));
        Assert.Contains("too many terms", error.Message);
    }

    [Theory]
    [InlineData(100, "(", ")")]
    [InlineData(100, "sqrt(", ")")]
    [InlineData(1000, "+", "")]
    public void Parse_DeepNesting_IsRejected(int depth, string open, string close)
    {
        var error = Assert.Throws<InvalidParameterException>(
            () => Parser.Parse(string.Concat(Enumerable.Repeat(open, depth)) + "b1" + string.Concat(Enumerable.Repeat(close, depth))));
        Assert.Contains("nesting deeper than 64 levels", error.Message);
    }

    [Fact]
    public void Parse_PowerIsRightAssociativeAndBindsTighterThanUnaryMinus()
    {
        var root = Parser.Parse("-b1**b2**b3").Single().Root;

        var negate = Assert.IsType<UnaryNode>(root);
        var outer = Assert.IsType<BinaryNode>(negate.Operand);
        Assert.Equal(TokenKind.Power, outer.Operator);
        Assert.IsType<BandNode>(outer.Left);
        Assert.Equal(TokenKind.Power, Assert.IsType<BinaryNode>(outer.Right).Operator);
    }

    [Fact]
    public void Parse_BitwiseOperatorsBindTighterThanComparisons_AsInPython()
    {
        var root = Assert.IsType<BinaryNode>(Parser.Parse("b1 > 0 | b2").Single().Root);

        Assert.Equal(TokenKind.Greater, root.Operator);
        Assert.Equal(TokenKind.Or, Assert.IsType<BinaryNode>(root.Right).Operator);
    }

    [Fact]
    public void Parse_Outputs_KeepTheirTrimmedText()
    {
        var outputs = Parser.Parse(" b1 ; (b2+b3)/2;B08_b1");

        Assert.Equal(["b1", "(b2+b3)/2", "B08_b1"], outputs.Select(o => o.Text));
    }
}
