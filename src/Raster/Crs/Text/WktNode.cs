using System.Globalization;

namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// One node of a WKT (1 or 2) text: <c>KEYWORD[value, value, ...]</c>, where a value is a quoted string, a number, a
/// bare word (<c>east</c>, <c>Cartesian</c>) or another node. Parsed once per CRS text.
/// </summary>
internal sealed class WktNode
{
    private const int MaxDepth = 32;

    private WktNode(string keyword) => Keyword = keyword;

    public string Keyword { get; }

    /// <summary>The values in order: <see cref="string"/> for quoted strings and bare words, <see cref="double"/> for numbers, <see cref="WktNode"/>.</summary>
    public List<object> Values { get; } = [];

    /// <summary>The first quoted value (the object's name), or "".</summary>
    public string Name => Values.Count > 0 && Values[0] is string s ? s : "";

    public IEnumerable<WktNode> Children => Values.OfType<WktNode>();

    public WktNode? Child(params string[] keywords) =>
        Children.FirstOrDefault(c => keywords.Any(k => c.Keyword.Equals(k, StringComparison.OrdinalIgnoreCase)));

    public IEnumerable<WktNode> ChildrenNamed(string keyword) =>
        Children.Where(c => c.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <paramref name="index"/>th number among the values.</summary>
    public double Number(int index) =>
        Values.OfType<double>().Skip(index).Cast<double?>().FirstOrDefault()
        ?? throw new FormatException($"{Keyword}[\"{Name}\"] lacks a number");

    /// <summary>The code of an AUTHORITY["EPSG","n"] or ID["EPSG",n] child, or null.</summary>
    public int? EpsgCode()
    {
        var id = Child("AUTHORITY", "ID");
        if (id is null || !id.Name.Equals("EPSG", StringComparison.OrdinalIgnoreCase) || id.Values.Count < 2)
            return null;
        return id.Values[1] switch
        {
            double d when d > 0 && d == Math.Floor(d) => (int)d,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code > 0 => code,
            _ => null,
        };
    }

    public static WktNode Parse(string text)
    {
        var position = 0;
        var node = ParseNode(text, ref position, 0);
        SkipSpace(text, ref position);
        if (position != text.Length)
            throw new FormatException($"unexpected text after the WKT at character {position}");
        return node;
    }

    private static WktNode ParseNode(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
            throw new FormatException($"WKT nested deeper than {MaxDepth} levels");
        SkipSpace(text, ref position);
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            position++;
        if (position == start)
            throw new FormatException($"a WKT keyword is expected at character {start}");
        var node = new WktNode(text[start..position]);
        SkipSpace(text, ref position);
        if (position >= text.Length || text[position] is not ('[' or '('))
            throw new FormatException($"'[' is expected after {node.Keyword} at character {position}");
        var close = text[position] == '[' ? ']' : ')';
        position++;
        while (true)
        {
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == close && node.Values.Count == 0)
                break;
            node.Values.Add(ParseValue(text, ref position, depth));
            SkipSpace(text, ref position);
            if (position >= text.Length)
                throw new FormatException($"{node.Keyword}[ is not closed");
            if (text[position] == close)
                break;
            if (text[position] != ',')
                throw new FormatException($"',' or '{close}' is expected in {node.Keyword} at character {position}");
            position++;
        }
        position++;
        return node;
    }

    private static object ParseValue(string text, ref int position, int depth)
    {
        if (position >= text.Length)
            throw new FormatException("the WKT ends inside a node");
        var c = text[position];
        if (c == '"')
        {
            var value = new System.Text.StringBuilder();
            position++;
            while (true)
            {
                if (position >= text.Length)
                    throw new FormatException("a quoted WKT string is not closed");
                if (text[position] == '"')
                {
                    if (position + 1 < text.Length && text[position + 1] == '"') // "" is a quote inside the string
                    {
                        value.Append('"');
                        position += 2;
                        continue;
                    }
                    position++;
                    return value.ToString();
                }
                value.Append(text[position++]);
            }
        }
        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '-' or '+' or '.' or 'e' or 'E'))
                position++;
            return double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"'{text[start..position]}' is not a number");
        }
        var wordStart = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            position++;
        var after = position;
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] is '[' or '(')
        {
            position = wordStart;
            return ParseNode(text, ref position, depth + 1);
        }
        position = after;
        return after > wordStart ? text[wordStart..after] : throw new FormatException($"unexpected '{c}' in the WKT at character {wordStart}");
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
            position++;
    }
}
