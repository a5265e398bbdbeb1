namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser for rio-tiler band math with Python's operator precedence (lowest first): comparison,
/// <c>|</c>, <c>&amp;</c>, <c>+ -</c>, <c>* / // %</c>, unary <c>- + ~</c>, <c>**</c> (right-associative).
/// </summary>
internal sealed class Parser
{
    public const int MaxLength = 2048;
    public const int MaxNodes = 512;
    public const int MaxOutputs = 32;
    public const int MaxDepth = 64;
    private const string Operand = "a number, a band name, a function or '('";

    private readonly List<Token> _tokens;
    private int _position;
    private int _nodes;
    private int _depth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<OutputExpression> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw ExpressionError.General("the expression is empty");
        if (text.Length > MaxLength)
            throw ExpressionError.General($"the expression has {text.Length} characters, more than the limit of {MaxLength}");
        return new Parser(Lexer.Tokenize(text)).ParseOutputs(text);
    }

    private Token Current => _tokens[_position];

    private IReadOnlyList<OutputExpression> ParseOutputs(string text)
    {
        var outputs = new List<OutputExpression>();
        while (true)
        {
            var start = Current.Column;
            var root = ParseComparison();
            var end = Current.Column;
            outputs.Add(new OutputExpression(root, text[(start - 1)..(end - 1)].Trim()));
            if (outputs.Count > MaxOutputs)
                throw ExpressionError.General($"more than {MaxOutputs} outputs");
            if (Current.Kind == TokenKind.End)
                return outputs;
            if (Current.Kind != TokenKind.Semicolon)
                throw ExpressionError.Unexpected(Current, "an operator, ';' or the end");
            _position++;
        }
    }

    private Node ParseComparison()
    {
        var left = ParseOr();
        if (!IsComparison(Current.Kind))
            return left;
        var op = Next();
        var node = Count(new BinaryNode(op.Kind, left, ParseOr(), op.Column));
        if (IsComparison(Current.Kind))
            throw ExpressionError.At($"chained comparison {Current.Describe()} (use parentheses and '&')", Current.Column);
        return node;
    }

    private Node ParseOr() => ParseLeftAssociative(ParseAnd, TokenKind.Or);

    private Node ParseAnd() => ParseLeftAssociative(ParseAdditive, TokenKind.And);

    private Node ParseAdditive() => ParseLeftAssociative(ParseTerm, TokenKind.Plus, TokenKind.Minus);

    private Node ParseTerm() => ParseLeftAssociative(ParseUnary, TokenKind.Star, TokenKind.Slash, TokenKind.FloorSlash, TokenKind.Percent);

    private Node ParseLeftAssociative(Func<Node> operand, params ReadOnlySpan<TokenKind> operators)
    {
        var left = operand();
        while (operators.Contains(Current.Kind))
        {
            var op = Next();
            left = Count(new BinaryNode(op.Kind, left, operand(), op.Column));
        }
        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus or TokenKind.Not))
            return ParsePower();
        var op = Next();
        var operand = Nested(op, ParseUnary);
        return op.Kind == TokenKind.Plus ? operand : Count(new UnaryNode(op.Kind, operand, op.Column));
    }

    private Node ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind != TokenKind.Power)
            return left;
        var op = Next();
        return Count(new BinaryNode(TokenKind.Power, left, ParseUnary(), op.Column));
    }

    private Node ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return Count(new NumberNode(token.Number, token.Text.AsSpan().IndexOfAny('.', 'e', 'E') < 0, token.Column));
            case TokenKind.Name when Current.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Name when Functions.TryFind(token.Text, out _, out _):
                throw ExpressionError.At($"function '{token.Text}' needs arguments in parentheses", token.Column);
            case TokenKind.Name:
                return Count(new BandNode(token.Text, token.Column));
            case TokenKind.LeftParen:
                var inner = Nested(token, ParseComparison);
                Expect(TokenKind.RightParen, "')'");
                return inner;
            default:
                throw ExpressionError.Unexpected(token, Operand);
        }
    }

    private Node ParseCall(Token name)
    {
        if (!Functions.TryFind(name.Text, out var function, out var arity))
            throw ExpressionError.At($"unknown function '{name.Text}' (known: {string.Join(", ", Functions.Names)})", name.Column);
        Next();
        var arguments = new List<Node> { Nested(name, ParseComparison) };
        while (Current.Kind == TokenKind.Comma)
        {
            Next();
            arguments.Add(Nested(name, ParseComparison));
        }
        Expect(TokenKind.RightParen, arguments.Count < arity ? "','" : "')'");
        if (arguments.Count != arity)
            throw ExpressionError.At($"{name.Text}() takes {arity} argument{(arity == 1 ? "" : "s")}, not {arguments.Count},", name.Column);
        return Count(new CallNode(function, arguments, name.Column));
    }

    /// <summary>Parses a nested part, bounding the recursion depth (parentheses, calls, unary operators).</summary>
    private Node Nested(Token opener, Func<Node> parse)
    {
        if (++_depth > MaxDepth)
            throw ExpressionError.At($"nesting deeper than {MaxDepth} levels", opener.Column);
        var node = parse();
        _depth--;
        return node;
    }

    private void Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
            throw ExpressionError.Unexpected(Current, expected);
        _position++;
    }

    private Token Next()
    {
        var token = Current;
        if (token.Kind != TokenKind.End)
            _position++;
        return token;
    }

    private Node Count(Node node)
    {
        if (++_nodes > MaxNodes)
            throw ExpressionError.At($"too many terms (the limit is {MaxNodes})", node.Column);
        return node;
    }

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual
            or TokenKind.Equal or TokenKind.NotEqual;
}
