using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace OgcTiler.Server.Api.Searches.Cql2;

/// <summary>
/// WKT geometries of CQL2 text as GeoJSON, as titiler-pgstac gets them from cql2-rs 0.6: its grammar (cql2.pest:
/// POINT, LINESTRING, POLYGON, their MULTI forms and GEOMETRYCOLLECTION, each with an optional Z, M or ZM marker, also
/// written without a space, and EMPTY), its parser (parser.rs: the unmarked geometries of a literal take the ordinates
/// of its widest position, ZM for 4 numbers, Z for 3; a collection inside a collection is refused), the wkt crate
/// (every position of a geometry has exactly its marker's numbers) and geozero's GeoJSON writer (x, y and z; M is
/// dropped). titiler-pgstac's <c>validate_filter</c> then checks the expression against cql2-rs's cql2.json, so what
/// that schema refuses is refused here too: POINT EMPTY (no GeoJSON position, geojson 0.24's PositionTooShort), a
/// LineString of fewer than 2 positions, a polygon ring of fewer than 4 and a GeometryCollection of fewer than 2
/// geometries. The other EMPTY geometries are their type with no coordinates.
/// </summary>
internal sealed partial class Cql2Text
{
    private static readonly FrozenDictionary<string, string> GeoJsonTypes = new Dictionary<string, string>
    {
        ["POINT"] = "Point", ["LINESTRING"] = "LineString", ["POLYGON"] = "Polygon", ["MULTIPOINT"] = "MultiPoint",
        ["MULTILINESTRING"] = "MultiLineString", ["MULTIPOLYGON"] = "MultiPolygon", ["GEOMETRYCOLLECTION"] = "GeometryCollection",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The ordinates of a WKT position: its marker, its count of numbers and whether the third is z (which GeoJSON keeps; m it drops).</summary>
    private sealed record Ordinates(string Marker, int Count, bool HasZ);

    private static readonly Ordinates Xy = new("", 2, false);

    /// <summary>The markers, longest first (as the grammar tries them), and the ordinates they give.</summary>
    private static readonly (string Marker, Ordinates Ordinates)[] Markers =
        [("ZM", new("ZM", 4, true)), ("Z", new("Z", 3, true)), ("M", new("M", 3, false))];

    /// <summary>A position as written: its numbers, the ordinates of its geometry's marker (null when unmarked), where it starts.</summary>
    private sealed record WrittenPosition(JsonArray Numbers, Ordinates? Marked, int At);

    /// <summary>
    /// The GeoJSON type and marker of the WKT geometry a name opens (<c>POINT</c>, <c>POINT Z</c>, <c>POINTZ</c>, each
    /// followed by '(' or EMPTY), its marker taken; null when the name opens none.
    /// </summary>
    private (string Type, Ordinates? Marked)? GeometryHead(Token name)
    {
        if (GeoJsonTypes.TryGetValue(name.Text, out var type))
        {
            var marked = Peek.Kind == TokenKind.Name ? MarkerOf(Peek.Text) : null;
            var after = marked is null ? Peek : At(1);
            if (!after.Is("(") && !after.Is("empty"))
                return null;
            if (marked is not null)
                Take();
            return (type, marked);
        }
        foreach (var (marker, ordinates) in Markers)
        {
            if (name.Text.EndsWith(marker, StringComparison.OrdinalIgnoreCase)
                && GeoJsonTypes.TryGetValue(name.Text[..^marker.Length], out var glued) && (Peek.Is("(") || Peek.Is("empty")))
                return (glued, ordinates);
        }
        return null;
    }

    private static Ordinates? MarkerOf(string text) =>
        Markers.Where(m => m.Marker.Equals(text, StringComparison.OrdinalIgnoreCase)).Select(m => m.Ordinates).FirstOrDefault();

    /// <summary>A WKT geometry (its head taken) as GeoJSON, every position checked against its ordinates and cut to x, y (and z).</summary>
    private JsonObject Geometry(Token name, string type, Ordinates? marked)
    {
        var positions = new List<WrittenPosition>();
        var geometry = type == "GeometryCollection" ? Collection(name, positions) : Shape(name, type, marked, positions);
        var widest = positions.Count == 0 ? 2 : positions.Max(p => p.Numbers.Count);
        var unmarked = widest == 2 ? Xy : Markers.First(m => m.Ordinates.Count == widest && m.Ordinates.HasZ).Ordinates;
        foreach (var position in positions)
        {
            var ordinates = position.Marked ?? unmarked;
            if (position.Numbers.Count != ordinates.Count)
            {
                throw Error(position.At, position.Marked is null
                    ? $"a position has {ordinates.Count} numbers, as the widest position of the geometry has (a geometry without a Z, M or ZM marker takes its ordinates), not {position.Numbers.Count}"
                    : $"a position of a geometry marked {ordinates.Marker} has {ordinates.Count} numbers, not {position.Numbers.Count}");
            }
            if (!ordinates.HasZ && ordinates.Count == 3)
                position.Numbers.RemoveAt(2);
            else if (ordinates.Count == 4)
                position.Numbers.RemoveAt(3);
        }
        return geometry;
    }

    private JsonObject Collection(Token name, List<WrittenPosition> positions)
    {
        if (Accept("empty"))
            throw Error(name.Position, "GEOMETRYCOLLECTION EMPTY is not CQL2 JSON (cql2.json: a GeometryCollection has 2 geometries or more)");
        Expect("(");
        var geometries = new JsonArray();
        do
        {
            var member = Take();
            if (member.Kind != TokenKind.Name || GeometryHead(member) is not { } head)
                throw Error(member.Position, $"a WKT geometry expected in GEOMETRYCOLLECTION, found {member}");
            if (head.Type == "GeometryCollection")
                throw Error(member.Position, "a GEOMETRYCOLLECTION cannot contain another GEOMETRYCOLLECTION: CQL2 admits only POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING and MULTIPOLYGON as members");
            geometries.Add(Shape(member, head.Type, head.Marked, positions));
        }
        while (Accept(","));
        Expect(")");
        return geometries.Count >= 2
            ? new JsonObject { ["type"] = "GeometryCollection", ["geometries"] = geometries }
            : throw Error(name.Position, $"a GEOMETRYCOLLECTION of {geometries.Count} geometry is not CQL2 JSON (cql2.json: 2 geometries or more)");
    }

    /// <summary>A geometry other than a collection, its positions added to <paramref name="positions"/>.</summary>
    private JsonObject Shape(Token name, string type, Ordinates? marked, List<WrittenPosition> positions)
    {
        if (Accept("empty"))
        {
            return type switch
            {
                "Point" => throw Error(name.Position, "POINT EMPTY has no GeoJSON (a position has 2 numbers or more)"),
                "LineString" => throw Error(name.Position, "LINESTRING EMPTY is not CQL2 JSON (cql2.json: a LineString has 2 positions or more)"),
                _ => new JsonObject { ["type"] = type, ["coordinates"] = new JsonArray() },
            };
        }
        JsonNode Position() => WktPosition(marked, positions);
        var coordinates = type switch
        {
            "Point" => Parenthesized(Position),
            "LineString" => Line(Position, 2, "a LineString"),
            "Polygon" => List(() => Line(Position, 4, "a polygon ring")),
            "MultiLineString" => List(() => Line(Position, 2, "a LineString")),
            "MultiPoint" => List(() => Peek.Is("(") ? Parenthesized(Position) : Position()),
            _ => List(() => List(() => Line(Position, 4, "a polygon ring"))),
        };
        return new JsonObject { ["type"] = type, ["coordinates"] = coordinates };
    }

    /// <summary>A parenthesised list of <paramref name="minimum"/> positions or more (cql2.json's minItems).</summary>
    private JsonArray Line(Func<JsonNode> position, int minimum, string what)
    {
        var start = Peek.Position;
        var line = List(position);
        return line.Count >= minimum ? line : throw Error(start, $"{what} has {minimum} positions or more, not {line.Count}");
    }

    /// <summary>A parenthesised, comma-separated list of one or more items.</summary>
    private JsonArray List(Func<JsonNode> item) => Parenthesized(() =>
    {
        var items = new JsonArray(item());
        while (Accept(","))
            items.Add(item());
        return items;
    });

    /// <summary>A WKT position: 2 to 4 numbers separated by spaces (the grammar's COORD), kept for the ordinates check.</summary>
    private JsonArray WktPosition(Ordinates? marked, List<WrittenPosition> positions)
    {
        var start = Peek.Position;
        var numbers = new JsonArray(SignedNumber(), SignedNumber());
        while (Peek.Kind == TokenKind.Number || Peek.Is("-") || Peek.Is("+"))
            numbers.Add(SignedNumber());
        if (numbers.Count > 4)
            throw Error(start, $"a position has 2 to 4 numbers (x y, then z and m), not {numbers.Count}");
        positions.Add(new(numbers, marked, start));
        return numbers;
    }
}
