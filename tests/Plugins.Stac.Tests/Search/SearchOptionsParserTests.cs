using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Stac.Search;

namespace OgcTiler.Plugins.Stac.Tests.Search;

public class SearchOptionsParserTests
{
    private static StacSearchParameters Parse(params (string Key, string Value)[] options) =>
        SearchOptionsParser.Parse(options.ToDictionary(o => o.Key, o => o.Value));

    [Theory]
    [InlineData("2024-01-15T08:44:29Z", "2024-01-15T08:44:29Z", "2024-01-15T08:44:29Z")]
    [InlineData("2024-01-01T00:00:00Z/2024-05-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-05-01T00:00:00Z")]
    [InlineData("../2024-01-01T00:00:00Z", null, "2024-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00Z/..", "2024-01-01T00:00:00Z", null)]
    [InlineData("2024-01-01T00:00:00Z/", "2024-01-01T00:00:00Z", null)]
    [InlineData("2024-01-01T02:00:00+02:00/..", "2024-01-01T00:00:00Z", null)]
    public void Datetime_InstantsAndRanges(string text, string? start, string? end)
    {
        var interval = Parse(("datetime", text)).Datetime!;

        Assert.Equal(text, interval.Text);
        Assert.Equal(start is null ? null : DateTimeOffset.Parse(start), interval.Start);
        Assert.Equal(end is null ? null : DateTimeOffset.Parse(end), interval.End);
    }

    [Theory]
    [InlineData("datetime", "../..", "datetime '../..' is open at both ends")]
    [InlineData("datetime", "2024-13-01", "has '2024-13-01', which is not an RFC 3339 date-time")]
    [InlineData("datetime", "2024-01-01/2024-02-01/2024-03-01", "has more than one '/'")]
    [InlineData("datetime", "2024-05-01T00:00:00Z/2024-01-01T00:00:00Z", "starts after it ends")]
    [InlineData("bbox", "1,2,3", "must have 4 numbers")]
    [InlineData("bbox", "1,2,3,x", "has 'x', which is not a number")]
    [InlineData("bbox", "0,50,1,40", "is not a WGS84 box")]
    [InlineData("bbox", "0,0,200,1", "is not a WGS84 box")]
    [InlineData("intersects", "{\"type\": \"Circle\", \"coordinates\": [0, 0]}", "intersects must be a GeoJSON geometry")]
    [InlineData("intersects", "[1, 2]", "'intersects' must be a JSON object")]
    [InlineData("query", "{\"eo:cloud_cover\": {\"like\": 10}}", "query operator 'like' on 'eo:cloud_cover' is not one of eq, neq, lt, lte, gt, gte, in")]
    [InlineData("query", "{\"platform\": {\"in\": \"sentinel-2a\"}}", "query operator 'in' on 'platform' needs an array")]
    [InlineData("query", "{\"platform\": \"sentinel-2a\"}", "must map to an object of operators")]
    [InlineData("query", "{broken", "'query' is not valid JSON")]
    [InlineData("filter", "eo:cloud_cover < 10", "filter must be CQL2 JSON")]
    [InlineData("filter", "{\"args\": []}", "filter is CQL2 JSON without an 'op'")]
    [InlineData("filter-lang", "cql2-text", "filter-lang 'cql2-text' is not supported")]
    [InlineData("sortby", "[{\"field\": \"datetime\", \"direction\": \"up\"}]", "sortby direction 'up' is not 'asc' or 'desc'")]
    [InlineData("limit", "0", "'limit' must be an integer from 1 to 10000, not '0'")]
    [InlineData("limit", "ten", "'limit' must be an integer from 1 to 10000, not 'ten'")]
    [InlineData("max_items", "5000", "'max_items' must be an integer from 1 to 1000")]
    [InlineData("method", "PUT", "method 'PUT' is not GET or POST")]
    [InlineData("search", "[1]", "'search' must be a JSON object")]
    [InlineData("collections", "[1, 2]", "'collections' must be a JSON array of strings or a comma-separated list")]
    public void WrongValues_AreInvalidParametersNamingTheParameter(string key, string value, string message)
    {
        var ex = Assert.Throws<InvalidParameterException>(() => Parse((key, value)));

        Assert.Equal(key, ex.Parameter);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void BboxAndIntersects_AreExclusive()
    {
        var ex = Assert.Throws<InvalidParameterException>(() =>
            Parse(("bbox", "0,0,1,1"), ("intersects", "{\"type\": \"Point\", \"coordinates\": [0, 0]}")));

        Assert.Equal("bbox and intersects cannot both be given", ex.Message);
    }

    [Fact]
    public void SearchBody_IsOverriddenBySingleOptions()
    {
        var p = Parse(("search", """{"collections": ["a"], "limit": 5, "bbox": [1, 2, 3, 4], "sortby": [{"field": "properties.eo:cloud_cover", "direction": "desc"}]}"""),
            ("collections", "b,c"));

        Assert.Equal(["b", "c"], p.Collections);
        Assert.Equal(5, p.Limit);
        Assert.Equal([1.0, 2, 3, 4], p.Bbox!);
        Assert.Equal([new SortField("properties.eo:cloud_cover", true)], p.SortBy!);
        Assert.Equal(HttpMethod.Post, p.Method);
        Assert.Equal(100, p.MaxItems);
    }

    [Fact]
    public void ConfigStyleKeys_NameTheSameOptions()
    {
        var p = Parse(("MaxItems", "7"), ("FilterLang", "cql2-json"), ("Filter", """{"op": "=", "args": [{"property": "id"}, "a"]}"""), ("Method", "get"));

        Assert.Equal(7, p.MaxItems);
        Assert.NotNull(p.Filter);
        Assert.Equal(HttpMethod.Get, p.Method);
    }

    [Fact]
    public void EveryParameter_EncodesAsAPostBody()
    {
        var p = Parse(("collections", "s2"), ("ids", "a,b"), ("bbox", "1,2,3,4"), ("datetime", "../2024-01-01T00:00:00Z"),
            ("query", """{"eo:cloud_cover": {"lt": 20}}"""), ("filter", """{"op": "=", "args": [{"property": "platform"}, "s2a"]}"""),
            ("sortby", "-properties.eo:cloud_cover,datetime"), ("fields", "id,-links"), ("limit", "7"));

        Assert.Equal(
            """{"collections":["s2"],"ids":["a","b"],"bbox":[1,2,3,4],"datetime":"../2024-01-01T00:00:00Z","query":{"eo:cloud_cover":{"lt":20}},"filter":{"op":"=","args":[{"property":"platform"},"s2a"]},"filter-lang":"cql2-json","sortby":[{"field":"properties.eo:cloud_cover","direction":"desc"},{"field":"datetime","direction":"asc"}],"fields":{"include":["id"],"exclude":["links"]},"limit":7}""",
            SearchEncoding.PostBody(p, 7).ToJsonString());
    }

    [Fact]
    public void EveryParameter_EncodesAsAGetQuery()
    {
        var p = Parse(("collections", "s2,l8"), ("intersects", """{"type": "Point", "coordinates": [30.5, 29]}"""), ("datetime", "2024-01-01T00:00:00Z/.."),
            ("query", """{"platform": {"in": ["s2a"]}}"""), ("sortby", "-eo:cloud_cover"), ("fields", "id"));

        Assert.Equal(
            "?collections=s2%2Cl8&intersects=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B30.5%2C29%5D%7D"
            + "&datetime=2024-01-01T00%3A00%3A00Z%2F..&query=%7B%22platform%22%3A%7B%22in%22%3A%5B%22s2a%22%5D%7D%7D"
            + "&sortby=-eo%3Acloud_cover&fields=id&limit=10",
            SearchEncoding.QueryString(p, 10));
    }
}
