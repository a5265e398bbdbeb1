using System.Collections.Frozen;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Searches.Cql2;

/// <summary>
/// CQL2 text to CQL2 JSON (OGC 21-065r2, as STAC API Filter takes it), as titiler-pgstac converts a collection's
/// <c>filter</c> with cql2-rs before the search: AND/OR/NOT (OR loosest), comparisons, [NOT] LIKE/BETWEEN/IN,
/// IS [NOT] NULL, arithmetic (<c>+ -</c>, then <c>* / % div</c>, then <c>^</c>, then a leading <c>-</c>), function
/// calls, and the literals of <see cref="Cql2Text"/>'s other part. Keywords are case-insensitive; CQL2's operators get
/// their JSON spelling (<c>T_METBY</c> is <c>t_metBy</c>), other functions keep theirs; chains of AND or OR become one
/// n-ary operation, as cql2-rs writes them. A syntax error is a 422 naming the character where it was found.
/// </summary>
internal sealed partial class Cql2Text
{
    /// <summary>CQL2's functions by their JSON spelling, with their argument count.</summary>
    private static readonly FrozenDictionary<string, (string Name, int Arity)> Functions = new (string Name, int Arity)[]
    {
        ("s_intersects", 2), ("s_equals", 2), ("s_disjoint", 2), ("s_touches", 2), ("s_within", 2), ("s_overlaps", 2),
        ("s_crosses", 2), ("s_contains", 2),
        ("t_after", 2), ("t_before", 2), ("t_contains", 2), ("t_disjoint", 2), ("t_during", 2), ("t_equals", 2),
        ("t_finishedBy", 2), ("t_finishes", 2), ("t_intersects", 2), ("t_meets", 2), ("t_metBy", 2),
        ("t_overlappedBy", 2), ("t_overlaps", 2), ("t_startedBy", 2), ("t_starts", 2),
        ("a_equals", 2), ("a_contains", 2), ("a_containedBy", 2), ("a_overlaps", 2),
        ("casei", 1), ("accenti", 1),
    }.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Comparisons = ["=", "<>", "<", "<=", ">", ">="];

    /// <summary>Keywords that are never a property name (a property of that name is written double-quoted).</summary>
    private static readonly FrozenSet<string> Reserved =
        FrozenSet.ToFrozenSet(["and", "or", "not", "like", "between", "in", "is", "null", "div"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How deep parentheses, function calls, NOT and minus signs may nest: the recursion stays far
    /// from the stack's end, and the JSON (two levels per operation) within the 64 levels a JSON filter may have.
    /// </summary>
    private const int MaxDepth = 20;

    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    private Cql2Text(List<Token> tokens) => _tokens = tokens;

    /// <summary>The CQL2 JSON of a CQL2 text filter; an <see cref="InvalidParameterException"/> of <c>filter</c> where it does not parse.</summary>
    public static JsonObject ToJson(string text)
    {
        var parser = new Cql2Text(Cql2Lexer.Tokenize(text));
        var filter = parser.Or();
        if (parser.Peek.Kind != TokenKind.End)
            throw Error(parser.Peek.Position, $"unexpected {parser.Peek} after a complete condition (AND, OR or the end of the text expected)");
        return filter is JsonObject condition && condition.ContainsKey("op")
            ? condition
            : throw Error(0, "the filter is a value, not a condition such as eo:cloud_cover < 10");
    }

    internal static InvalidParameterException Error(int position, string message) =>
        new("filter", $"filter (cql2-text), character {position + 1}: {message}");

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool Accept(string symbolOrKeyword)
    {
        if (!Peek.Is(symbolOrKeyword))
            return false;
        _next++;
        return true;
    }

    private Token Expect(string symbolOrKeyword) =>
        Peek.Is(symbolOrKeyword) ? Take() : throw Error(Peek.Position, $"'{symbolOrKeyword}' expected, found {Peek}");

    private JsonNode Or() => Chain("or", And);

    private JsonNode And() => Chain("and", Not);

    /// <summary>Operands joined by AND (or OR) as one operation; an operand that is itself one (in parentheses) joins its arguments.</summary>
    private JsonNode Chain(string op, Func<JsonNode> operand)
    {
        var first = operand();
        if (!Peek.Is(op))
            return first;
        var args = new JsonArray();
        Join(first);
        while (Accept(op))
            Join(operand());
        return new JsonObject { ["op"] = op, ["args"] = args };

        void Join(JsonNode node)
        {
            if (node is JsonObject nested && nested["op"]?.GetValue<string>() == op && nested["args"] is JsonArray inner)
            {
                var items = inner.ToArray();
                inner.Clear();
                foreach (var item in items)
                    args.Add(item);
            }
            else
                args.Add(node);
        }
    }

    private JsonNode Not() => Accept("not") ? Op("not", Nested(Not)) : Predicate();

    /// <summary>A comparison, [NOT] LIKE/BETWEEN/IN or IS [NOT] NULL of a scalar, or the scalar alone (a function or boolean).</summary>
    private JsonNode Predicate()
    {
        var left = Additive();
        if (Peek.Kind == TokenKind.Symbol && Comparisons.Contains(Peek.Text))
            return Op(Take().Text, left, Additive());
        if (Accept("is"))
        {
            var not = Accept("not");
            Expect("null");
            return not ? Op("not", Op("isNull", left)) : Op("isNull", left);
        }
        var negated = Peek.Is("not") && (At(1).Is("like") || At(1).Is("between") || At(1).Is("in"));
        if (negated)
            Take();
        JsonNode predicate;
        if (Accept("like"))
            predicate = Op("like", left, Additive());
        else if (Accept("between"))
        {
            var low = Additive();
            Expect("and");
            predicate = Op("between", left, low, Additive());
        }
        else if (Accept("in"))
        {
            Expect("(");
            predicate = Op("in", left, new JsonArray([.. Items()]));
        }
        else
            return left;
        return negated ? Op("not", predicate) : predicate;
    }

    private Token At(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    private JsonNode Additive() => LeftAssociative(Multiplicative, "+", "-");

    private JsonNode Multiplicative() => LeftAssociative(Power, "*", "/", "%", "div");

    private JsonNode Power() => LeftAssociative(Negation, "^");

    private JsonNode LeftAssociative(Func<JsonNode> operand, params string[] operators)
    {
        var left = operand();
        while (operators.FirstOrDefault(Peek.Is) is { } op)
        {
            Take();
            left = Op(op, left, operand());
        }
        return left;
    }

    /// <summary>A leading minus: part of a number (<c>-5</c>), else <c>-1 *</c> the operand, as cql2-rs writes it.</summary>
    private JsonNode Negation()
    {
        if (!Accept("-"))
            return Primary();
        return Peek.Kind == TokenKind.Number ? Number(Take(), negative: true) : Op("*", JsonValue.Create(-1), Nested(Negation));
    }

    private JsonNode Primary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return Number(token, negative: false);
            case TokenKind.String:
                return JsonValue.Create(token.Text);
            case TokenKind.QuotedName:
                return new JsonObject { ["property"] = token.Text };
            case TokenKind.Name when token.Is("true") || token.Is("false"):
                return JsonValue.Create(token.Is("true"));
            case TokenKind.Name when Reserved.Contains(token.Text):
                throw Error(token.Position, $"a value expected, found the keyword {token} (a property of that name is written \"{token.Text}\")");
            case TokenKind.Name when Literal(token) is { } literal:
                return literal;
            case TokenKind.Name when Accept("("):
                return Function(token);
            case TokenKind.Name:
                return new JsonObject { ["property"] = token.Text };
            case TokenKind.Symbol when token.Is("("):
                var items = Items();
                return items.Count == 1 ? items[0] : new JsonArray([.. items]);
            default:
                throw Error(token.Position, $"a value (property, literal, function or parenthesis) expected, found {token}");
        }
    }

    /// <summary>The comma-separated expressions after an opening parenthesis, up to its closing one; none for <c>()</c>.</summary>
    private List<JsonNode> Items()
    {
        var items = new List<JsonNode>();
        if (Accept(")"))
            return items;
        do
            items.Add(Nested(Or));
        while (Accept(","));
        Expect(")");
        return items;
    }

    private JsonObject Function(Token name)
    {
        var args = Items();
        if (!Functions.TryGetValue(name.Text, out var function))
            return Op(name.Text, [.. args]);
        if (args.Count != function.Arity)
            throw Error(name.Position, $"{name.Text} takes {function.Arity} argument{(function.Arity == 1 ? "" : "s")}, not {args.Count}");
        // An array operand of one element reads as a parenthesised value: A_CONTAINS(tags, ('a')) is tags against ['a'].
        var isArrayOperator = function.Name.StartsWith("a_", StringComparison.Ordinal);
        return Op(function.Name, [.. args.Select(a => isArrayOperator && a is JsonValue ? new JsonArray(a) : a)]);
    }

    /// <summary>A part one level deeper than its surroundings (see <see cref="MaxDepth"/>).</summary>
    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxDepth)
            throw Error(Peek.Position, $"the filter nests deeper than {MaxDepth} levels (parentheses, functions, NOT, minus signs)");
        var part = parse();
        _depth--;
        return part;
    }

    private static JsonObject Op(string op, params JsonNode[] args) => new() { ["op"] = op, ["args"] = new JsonArray(args) };
}
