using System.Globalization;

namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>Splits an expression into tokens: numbers, names, operators and punctuation.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
                i++;
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                tokens.Add(ReadNumber(text, ref i));
            else if (char.IsAsciiLetter(c) || c == '_')
                tokens.Add(ReadName(text, ref i));
            else
                tokens.Add(ReadOperator(text, ref i));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            i++;
        if (i < text.Length && (text[i] is 'e' or 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] is '+' or '-'))
                j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
            }
        }
        var literal = text[start..i];
        if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            throw ExpressionError.At($"invalid number '{literal}'", start + 1);
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
            throw ExpressionError.At($"invalid number '{literal}{text[i]}'", start + 1);
        return new Token(TokenKind.Number, literal, start + 1, value);
    }

    private static Token ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            i++;
        return new Token(TokenKind.Name, text[start..i], start + 1);
    }

    private static Token ReadOperator(string text, ref int i)
    {
        var column = i + 1;
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        var (kind, length) = (text[i], next) switch
        {
            ('*', '*') => (TokenKind.Power, 2),
            ('/', '/') => (TokenKind.FloorSlash, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('=', '=') => (TokenKind.Equal, 2),
            ('!', '=') => (TokenKind.NotEqual, 2),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('&', _) => (TokenKind.And, 1),
            ('|', _) => (TokenKind.Or, 1),
            ('~', _) => (TokenKind.Not, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            (',', _) => (TokenKind.Comma, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            _ => throw ExpressionError.At($"unexpected '{text[i]}'", column),
        };
        i += length;
        return new Token(kind, text.Substring(column - 1, length), column);
    }
}
