namespace OgcTiler.Plugins.Expressions.Syntax;

internal enum TokenKind
{
    Number, Name, Plus, Minus, Star, Slash, FloorSlash, Percent, Power, Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual,
    And, Or, Not, LeftParen, RightParen, Comma, Semicolon, End,
}

/// <summary>A token with its 1-based column in the whole expression text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column, double Number = 0)
{
    public string Describe() => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}
