using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OgcTiler.Server.Api.Searches.Cql2;

/// <summary>
/// The literals of CQL2 text that are more than a token: numbers (JSON numbers), <c>DATE('…')</c>,
/// <c>TIMESTAMP('…')</c> (UTC, written without an all-zero fraction as cql2-rs writes it), <c>INTERVAL(…, …)</c>,
/// <c>BBOX(…)</c> and WKT geometries (the part in Cql2Text.Wkt.cs).
/// </summary>
internal sealed partial class Cql2Text
{
    /// <summary>The literal a name opens (the name is taken, <see cref="Peek"/> is what follows it), or null when it is a property or function.</summary>
    private JsonNode? Literal(Token name)
    {
        if (GeometryHead(name) is { } head)
            return Geometry(name, head.Type, head.Marked);
        if (!Peek.Is("("))
            return null;
        switch (name.Text.ToUpperInvariant())
        {
            case "DATE":
                return Parenthesized(() => new JsonObject { ["date"] = Date(Instant()) });
            case "TIMESTAMP":
                return Parenthesized(() => new JsonObject { ["timestamp"] = Timestamp(Instant()) });
            case "INTERVAL":
                return Parenthesized(() =>
                {
                    var start = IntervalBound();
                    Expect(",");
                    return new JsonObject { ["interval"] = new JsonArray(start, IntervalBound()) };
                });
            case "BBOX":
                return Parenthesized(() =>
                {
                    var box = new JsonArray(SignedNumber());
                    while (Accept(","))
                        box.Add(SignedNumber());
                    return box.Count is 4 or 6 ? new JsonObject { ["bbox"] = box } : throw Error(name.Position, $"BBOX takes 4 or 6 numbers, not {box.Count}");
                });
            default:
                return null;
        }
    }

    private T Parenthesized<T>(Func<T> inside)
    {
        Expect("(");
        var value = inside();
        Expect(")");
        return value;
    }

    private Token Instant() => Peek.Kind == TokenKind.String ? Take() : throw Error(Peek.Position, $"a quoted date or timestamp expected, found {Peek}");

    /// <summary>An INTERVAL bound: a quoted date or timestamp, '..' (open), a property or a function, as the BNF's instantParameter.</summary>
    private JsonNode IntervalBound()
    {
        if (Peek.Kind == TokenKind.String)
        {
            var instant = Take();
            return instant.Text == ".." ? JsonValue.Create("..") : instant.Text.Contains('T') ? Timestamp(instant) : Date(instant);
        }
        var position = Peek.Position;
        var bound = Primary();
        return bound is JsonObject o && (o.ContainsKey("property") || o.ContainsKey("op"))
            ? bound
            : throw Error(position, "an INTERVAL bound is a quoted date or timestamp, '..', a property or a function");
    }

    private static JsonValue Date(Token instant) =>
        DateOnly.TryParseExact(instant.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? JsonValue.Create(instant.Text)
            : throw Error(instant.Position, $"{instant} is not a date such as '2020-01-31'");

    /// <summary>A UTC timestamp (the BNF's fullDate "T" utcTime), its fraction of a second without trailing zeros.</summary>
    private static JsonValue Timestamp(Token instant)
    {
        var match = TimestampPattern().Match(instant.Text);
        if (!match.Success || !DateTime.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw Error(instant.Position, $"{instant} is not a UTC timestamp such as '2020-01-31T08:30:00Z'");
        var fraction = match.Groups[2].Value.TrimEnd('0');
        return JsonValue.Create($"{match.Groups[1].Value}{(fraction == "." ? "" : fraction)}Z");
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$")]
    private static partial Regex TimestampPattern();

    private static JsonValue Number(Token token, bool negative)
    {
        var value = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? JsonValue.Create(negative ? -value : value) : throw Error(token.Position, $"the number {token} is out of range");
    }

    private JsonValue SignedNumber()
    {
        var negative = Accept("-");
        if (!negative)
            Accept("+");
        return Peek.Kind == TokenKind.Number ? Number(Take(), negative) : throw Error(Peek.Position, $"a number expected, found {Peek}");
    }
}
