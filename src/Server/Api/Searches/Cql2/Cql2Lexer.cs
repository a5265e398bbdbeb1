using System.Globalization;
using System.Text;

namespace OgcTiler.Server.Api.Searches.Cql2;

internal enum TokenKind { Name, QuotedName, Number, String, Symbol, End }

/// <summary>A token of CQL2 text: its kind, its text (a string's or quoted name's without the quotes) and where it starts (0-based).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool Is(string symbolOrKeyword) => Kind switch
    {
        TokenKind.Symbol => Text == symbolOrKeyword,
        TokenKind.Name => Text.Equals(symbolOrKeyword, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The token as an error message names it.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.End => "the end of the text",
        TokenKind.String => $"'{Text.Replace("'", "''", StringComparison.Ordinal)}'",
        TokenKind.QuotedName => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits CQL2 text (OGC 21-065r2's BNF) into tokens: names (<c>eo:cloud_cover</c>, keywords, function names), double-quoted
/// names, numbers, single-quoted strings with <c>''</c> for a quote, and the symbols <c>( ) , = &lt;&gt; &lt; &lt;= &gt; &gt;= + - * / % ^</c>.
/// </summary>
internal static class Cql2Lexer
{
    private static readonly string[] Symbols = ["<>", "<=", ">=", "(", ")", ",", "=", "<", ">", "+", "-", "*", "/", "%", "^"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
                i++;
            else if (c is '\'' or '"')
                tokens.Add(new(c == '\'' ? TokenKind.String : TokenKind.QuotedName, Quoted(text, ref i), start));
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                tokens.Add(new(TokenKind.Number, Number(text, ref i), start));
            else if (IsNameStart(c))
            {
                while (i < text.Length && IsNamePart(text[i]))
                    i++;
                tokens.Add(new(TokenKind.Name, text[start..i], start));
            }
            else if (Symbols.FirstOrDefault(s => text.AsSpan(i).StartsWith(s, StringComparison.Ordinal)) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new(TokenKind.Symbol, symbol, start));
            }
            else
                throw Cql2Text.Error(start, $"unexpected character '{c}'");
        }
        tokens.Add(new(TokenKind.End, "", text.Length));
        return tokens;
    }

    /// <summary>The BNF's identifierStart (letters, <c>:</c>, <c>_</c>) and identifierPart (also digits, <c>.</c> and combining marks).</summary>
    private static bool IsNameStart(char c) => char.IsLetter(c) || c is ':' or '_';

    private static bool IsNamePart(char c) =>
        IsNameStart(c) || char.IsAsciiDigit(c) || c == '.' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>A quoted string or name from its opening quote; a doubled quote stands for one.</summary>
    private static string Quoted(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            if (text[i] == quote && (i + 1 == text.Length || text[i + 1] != quote))
            {
                i++;
                return value.ToString();
            }
            i += text[i] == quote ? 2 : 1;
            value.Append(text[i - 1]);
        }
        throw Cql2Text.Error(start, $"unterminated {(quote == '\'' ? "string" : "quoted name")} (no closing {quote})");
    }

    /// <summary>The BNF's unsignedNumericLiteral: <c>12</c>, <c>1.5</c>, <c>.5</c>, <c>5.</c>, <c>1.5E-3</c> (a sign is the parser's).</summary>
    private static string Number(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
        }
        var exponent = i;
        if (exponent < text.Length && text[exponent] is 'e' or 'E')
        {
            exponent++;
            if (exponent < text.Length && text[exponent] is '+' or '-')
                exponent++;
            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                i = exponent;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
            }
        }
        return text[start..i];
    }
}
