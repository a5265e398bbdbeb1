using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Searches.Cql2;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Searches.Cql2;

/// <summary>
/// CQL2 text to CQL2 JSON against the OGC CQL2 standard's own pairs (tests/data/cql2/examples.json, from
/// developmentseed/cql2-rs examples/, itself from opengeospatial/ogcapi-features cql2-1.0.0), compared as JSON values.
/// </summary>
public class Cql2TextTests
{
    private static readonly JsonObject[] Examples =
        [.. JsonNode.Parse(File.ReadAllText(RepoPaths.Data("cql2", "examples.json")))!.AsArray().Select(e => (JsonObject)e!)];

    public static TheoryData<string> ExampleNames => new(Examples.Select(e => e["name"]!.GetValue<string>()));

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void OgcExample_IsItsCql2Json(string name)
    {
        var example = Examples.Single(e => e["name"]!.GetValue<string>() == name);

        var json = Cql2Text.ToJson(example["text"]!.GetValue<string>());

        AssertJson(example["json"]!, json);
    }

    /// <summary>Cases the OGC examples leave out, with cql2-rs's answers (titiler-pgstac converts with cql2-rs's Expr.to_json).</summary>
    [Theory]
    [InlineData("eo:cloud_cover < 10", """{"op":"<","args":[{"property":"eo:cloud_cover"},10]}""")]
    [InlineData("name = 'O''Brien'", """{"op":"=","args":[{"property":"name"},"O'Brien"]}""")]
    [InlineData("x between -1 and 2 and y is not null or z in ('a')",
        """{"op":"or","args":[{"op":"and","args":[{"op":"between","args":[{"property":"x"},-1,2]},{"op":"not","args":[{"op":"isNull","args":[{"property":"y"}]}]}]},{"op":"in","args":[{"property":"z"},["a"]]}]}""")]
    [InlineData("(a = 1 AND b = 2) AND c = 3",
        """{"op":"and","args":[{"op":"=","args":[{"property":"a"},1]},{"op":"=","args":[{"property":"b"},2]},{"op":"=","args":[{"property":"c"},3]}]}""")]
    [InlineData("a_contains(tags, ('a')) and a_equals(tags, ())",
        """{"op":"and","args":[{"op":"a_contains","args":[{"property":"tags"},["a"]]},{"op":"a_equals","args":[{"property":"tags"},[]]}]}""")]
    [InlineData("t_metby(datetime, TIMESTAMP('2020-01-01T00:00:00.500Z'))",
        """{"op":"t_metBy","args":[{"property":"datetime"},{"timestamp":"2020-01-01T00:00:00.5Z"}]}""")]
    [InlineData("s_intersects(geometry, MULTIPOINT (1 2, 3 4))",
        """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}]}""")]
    public void OtherFilters_AreTheirCql2Json(string text, string expected)
    {
        AssertJson(JsonNode.Parse(expected)!, Cql2Text.ToJson(text));
    }

    /// <summary>Text that does not parse is an invalid filter (422 on /collections) naming the character where it fails.</summary>
    [Theory]
    [InlineData("platform = 'sentinel-2b", 12, "unterminated string")]
    [InlineData("\"platform = 'sentinel-2b'", 1, "unterminated quoted name")]
    [InlineData("eo:cloud_cover ~ 10", 16, "unexpected character '~'")]
    [InlineData("eo:cloud_cover < 10 foo", 21, "unexpected 'foo'")]
    [InlineData("eo:cloud_cover LIKES 'a%'", 16, "unexpected 'LIKES'")]
    [InlineData("eo:cloud_cover <", 17, "found the end of the text")]
    [InlineData("(eo:cloud_cover < 10", 21, "')' expected")]
    [InlineData("eo:cloud_cover = AND", 18, "the keyword 'AND'")]
    [InlineData("10", 1, "not a condition")]
    [InlineData("S_INTERSECTS(geometry)", 1, "takes 2 arguments, not 1")]
    [InlineData("datetime > DATE('2020-13-01')", 17, "not a date")]
    [InlineData("datetime > TIMESTAMP('2020-01-01 00:00:00')", 22, "not a UTC timestamp")]
    [InlineData("S_WITHIN(geometry, BBOX(1, 2, 3))", 20, "BBOX takes 4 or 6 numbers")]
    [InlineData("S_WITHIN(geometry, POINT(1))", 27, "a number expected")]
    public void BadText_SaysWhereItFails(string text, int character, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Cql2Text.ToJson(text));

        Assert.Equal("filter", error.Parameter);
        Assert.Contains($"character {character}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    /// <summary>
    /// Nesting is bounded (20 levels), so a query string of thousands of parentheses or NOTs is a 422 rather than a
    /// stack overflow that ends the process, and the JSON stays within the 64 levels a cql2-json filter may have.
    /// </summary>
    [Theory]
    [InlineData("(", ")", 20, true)]
    [InlineData("(", ")", 21, false)]
    [InlineData("(", ")", 4000, false)]
    [InlineData("NOT ", "", 20, true)]
    [InlineData("NOT ", "", 2000, false)]
    [InlineData("casei(", ")", 21, false)]
    public void DeepNesting_IsBounded(string open, string close, int depth, bool parses)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "a = 1" + string.Concat(Enumerable.Repeat(close, depth));

        if (parses)
        {
            var json = Cql2Text.ToJson(text);
            Assert.NotNull(JsonNode.Parse(json.ToJsonString()));
        }
        else
            Assert.Contains("nests deeper than 20 levels", Assert.Throws<InvalidParameterException>(() => Cql2Text.ToJson(text)).Message);
    }

    /// <summary>
    /// WKT geometries with EMPTY and Z, M or ZM as cql2-rs 0.6 converts them: tests/encoding_invariants.rs
    /// (empty_geometries_parse_in_text, measured_geometries_keep_their_ordinates_in_text,
    /// geometries_evaluate_at_every_dimension), parser.rs four_dimensional_coordinates_are_tagged (4 numbers without a
    /// marker are ZM, 3 are Z), and to_json through geozero's GeoJSON writer (geometry.rs wkt_to_geojson: x, y and z,
    /// no m; an EMPTY geometry has no coordinates).
    /// </summary>
    [Theory]
    [InlineData("POLYGON EMPTY", """{"type":"Polygon","coordinates":[]}""")]
    [InlineData("polygon empty", """{"type":"Polygon","coordinates":[]}""")]
    [InlineData("POLYGON Z EMPTY", """{"type":"Polygon","coordinates":[]}""")]
    [InlineData("MULTIPOINT EMPTY", """{"type":"MultiPoint","coordinates":[]}""")]
    [InlineData("MULTILINESTRING EMPTY", """{"type":"MultiLineString","coordinates":[]}""")]
    [InlineData("MULTIPOLYGON EMPTY", """{"type":"MultiPolygon","coordinates":[]}""")]
    [InlineData("GEOMETRYCOLLECTION(POINT(1 2), POLYGON EMPTY)",
        """{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Polygon","coordinates":[]}]}""")]
    [InlineData("POINT Z(1 2 3)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("POINT(1 2 3)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("POINTZ(1 2 3)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("point z (1 2 -3)", """{"type":"Point","coordinates":[1,2,-3]}""")]
    [InlineData("POINT ZM(1 2 3 4)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("POINT(1 2 3 4)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("POINTZM(1 2 3 4)", """{"type":"Point","coordinates":[1,2,3]}""")]
    [InlineData("POINT M(1 2 3)", """{"type":"Point","coordinates":[1,2]}""")]
    [InlineData("POINTM(1 2 3)", """{"type":"Point","coordinates":[1,2]}""")]
    [InlineData("LINESTRING Z(0 0 1,4 4 2)", """{"type":"LineString","coordinates":[[0,0,1],[4,4,2]]}""")]
    [InlineData("POLYGON Z((0 0 1,4 0 1,4 4 1,0 4 1,0 0 1))", """{"type":"Polygon","coordinates":[[[0,0,1],[4,0,1],[4,4,1],[0,4,1],[0,0,1]]]}""")]
    [InlineData("MULTIPOINT ZM((1 2 3 4), (5 6 7 8))", """{"type":"MultiPoint","coordinates":[[1,2,3],[5,6,7]]}""")]
    [InlineData("GEOMETRYCOLLECTION(POINT M(1 2 3), POINT(4 5 6))",
        """{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Point","coordinates":[4,5,6]}]}""")]
    [InlineData("GEOMETRYCOLLECTION(POINT(4 5 6), POINT M(1 2 3))",
        """{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[4,5,6]},{"type":"Point","coordinates":[1,2]}]}""")]
    public void WktGeometry_WithEmptyOrZm_IsCql2RsGeoJson(string wkt, string geoJson)
    {
        var json = Cql2Text.ToJson($"s_intersects(geom, {wkt})");

        AssertJson(JsonNode.Parse($$"""{"op":"s_intersects","args":[{"property":"geom"},{{geoJson}}]}""")!, json);
    }

    /// <summary>
    /// WKT that titiler-pgstac refuses (422: its validate_filter runs cql2-rs's Expr.validate, the conversion to
    /// GeoJSON and the cql2.json schema): POINT EMPTY has no GeoJSON (geojson 0.24.1 rejects a position of fewer than
    /// 2 numbers, encoding_invariants.rs: "an empty point has no GeoJSON encoding"); the schema's minItems (a
    /// LineString 2 positions, a ring 4, a GeometryCollection 2 geometries); the wkt crate's exact ordinates per
    /// marker (Z 3, ZM 4; an unmarked geometry takes the widest position's, parser.rs); the grammar's COORD (2 to 4
    /// numbers) and EMPTYSET (EMPTYISH is no EMPTY); a nested collection (nested_geometry_collections_are_refused).
    /// </summary>
    [Theory]
    [InlineData("POINT EMPTY", 20, "POINT EMPTY has no GeoJSON")]
    [InlineData("POINT Z EMPTY", 20, "POINT EMPTY has no GeoJSON")]
    [InlineData("GEOMETRYCOLLECTION(POINT EMPTY, POINT(1 2))", 39, "POINT EMPTY has no GeoJSON")]
    [InlineData("LINESTRING EMPTY", 20, "a LineString has 2 positions or more")]
    [InlineData("GEOMETRYCOLLECTION EMPTY", 20, "a GeometryCollection has 2 geometries or more")]
    [InlineData("LINESTRING(1 2)", 30, "a LineString has 2 positions or more, not 1")]
    [InlineData("POLYGON((0 0, 1 0, 0 0))", 28, "a polygon ring has 4 positions or more, not 3")]
    [InlineData("GEOMETRYCOLLECTION(POINT(1 2))", 20, "GEOMETRYCOLLECTION of 1 geometry")]
    [InlineData("POINT Z(1 2)", 28, "a position of a geometry marked Z has 3 numbers, not 2")]
    [InlineData("POINT ZM(1 2 3)", 29, "a position of a geometry marked ZM has 4 numbers, not 3")]
    [InlineData("POINT M(1 2)", 28, "a position of a geometry marked M has 3 numbers, not 2")]
    [InlineData("LINESTRING(1 2, 3 4 5)", 31, "has 3 numbers, as the widest position")]
    [InlineData("POINT(1 2 3 4 5)", 26, "2 to 4 numbers")]
    [InlineData("POINT EMPTYISH", 26, "')' expected")]
    [InlineData("GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(0 0), POINT(1 1)), POINT(2 2))", 39, "cannot contain another GEOMETRYCOLLECTION")]
    [InlineData("GEOMETRYCOLLECTION(POINT(2 2), GEOMETRYCOLLECTION EMPTY)", 51, "cannot contain another GEOMETRYCOLLECTION")]
    public void WktGeometry_TitilerPgstacRefuses_SaysWhy(string wkt, int character, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Cql2Text.ToJson($"s_intersects(geom, {wkt})"));

        Assert.Contains($"character {character}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    private static void AssertJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual.ToJsonString())), $"expected {expected.ToJsonString()}\n  actual {actual.ToJsonString()}");
}
