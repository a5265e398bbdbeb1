using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiling;

public class TileMatrixSetRegistryTests
{
    private static readonly TileMatrixSetRegistry Registry = TileBoundsTests.Registry;

    public static TheoryData<string> ConfigFiles => [.. Directory.GetFiles(Path.Combine(RepoPaths.Config, "tms"), "*.json").Select(f => Path.GetFileName(f))];

    [Fact]
    public void BuiltIn_HasTheThirteenOgcSets() =>
        Assert.Equal(
            ["CanadianNAD83_LCC", "CDB1GlobalGrid", "EuropeanETRS89_LAEAQuad", "GNOSISGlobalGrid", "LINZAntarticaMapTilegrid", "NZTM2000Quad",
             "UPSAntarcticWGS84Quad", "UPSArcticWGS84Quad", "UTM31WGS84Quad", "WebMercatorQuad", "WGS1984Quad", "WorldCRS84Quad", "WorldMercatorWGS84Quad"],
            Registry.All.Select(s => s.Id).Order(StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Get_IsCaseInsensitive() => Assert.Same(Registry.Get("WebMercatorQuad"), Registry.Get("webmercatorquad"));

    [Fact]
    public void Get_Unknown_ListsTheValidIds()
    {
        var e = Assert.Throws<ResourceNotFoundException>(() => Registry.Get("GoogleMaps"));
        Assert.Contains("'GoogleMaps'", e.Message);
        Assert.Contains("WebMercatorQuad", e.Message);
        Assert.Contains("CDB1GlobalGrid", e.Message);
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void ToJson_RoundTripsTheDefinition(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepoPaths.Config, "tms", file));
        var id = JsonDocument.Parse(original).RootElement.GetProperty("id").GetString()!;
        using var written = JsonDocument.Parse(Registry.Get(id).ToJson());
        using var expected = JsonDocument.Parse(original);
        AssertSameJson(expected.RootElement, written.RootElement, "$");
    }

    [Fact]
    public void Load_AddsAndReplacesSetsFromTheFolder()
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-tms");
        try
        {
            var custom = File.ReadAllText(Path.Combine(RepoPaths.Config, "tms", "WebMercatorQuad.json"))
                .Replace("\"WebMercatorQuad\"", "\"MyQuad\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir.FullName, "mine.json"), custom);
            var registry = TileMatrixSetRegistry.Load(dir.FullName, CrsRegistry.Default);
            Assert.Equal(14, registry.All.Count);
            Assert.Equal("EPSG:3857", registry.Get("MyQuad").Crs.Id);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("{", "not valid TileMatrixSet JSON")]
    [InlineData("""{"id":"X","crs":"EPSG:3857"}""", "tileMatrices")]
    [InlineData("""{"id":"X","crs":"EPSG:123456","tileMatrices":[]}""", "EPSG:123456")]
    [InlineData("""{"id":"X","crs":{"wkt":"GEOGCS[]"},"tileMatrices":[]}""", "WKT")]
    [InlineData("""{"id":"X","crs":"EPSG:3857","tileMatrices":[{"id":"0","cellSize":1,"pointOfOrigin":[0],"tileWidth":256,"tileHeight":256,"matrixWidth":1,"matrixHeight":1}]}""", "pointOfOrigin")]
    [InlineData("""{"id":"X","crs":"EPSG:3857","tileMatrices":[{"id":"0","pointOfOrigin":[0,0],"tileWidth":256,"tileHeight":256,"matrixWidth":1,"matrixHeight":1}]}""", "cellSize")]
    [InlineData("""{"id":"X","crs":"EPSG:3857","tileMatrices":[{"id":"0","cellSize":1,"pointOfOrigin":[0,0],"tileWidth":0,"tileHeight":256,"matrixWidth":1,"matrixHeight":1}]}""", "positive")]
    [InlineData("""{"id":"X","crs":"EPSG:3857","tileMatrices":[{"id":"0","cellSize":1,"cornerOfOrigin":"topRight","pointOfOrigin":[0,0],"tileWidth":1,"tileHeight":256,"matrixWidth":1,"matrixHeight":1}]}""", "topRight")]
    public void Parse_BadDefinition_NamesTheFileAndTheProblem(string json, string problem)
    {
        var e = Assert.Throws<InvalidParameterException>(() => TileMatrixSetLoader.Parse(json, "bad.json", CrsRegistry.Default));
        Assert.StartsWith("bad.json: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Parse_CrsObjectAndBottomLeftOrigin_AreUnderstood()
    {
        const string json = """
            {"id":"BL","crs":{"uri":"http://www.opengis.net/def/crs/EPSG/0/32631"},"tileMatrices":[
             {"id":"0","scaleDenominator":1000,"cornerOfOrigin":"bottomLeft","pointOfOrigin":[100000,0],"tileWidth":256,"tileHeight":256,"matrixWidth":4,"matrixHeight":4}]}
            """;
        var tms = TileMatrixSetLoader.Parse(json, "bl.json", CrsRegistry.Default);
        var m = tms.GetMatrix(0);
        Assert.Equal(0.28, m.CellSize, 12);
        var b = tms.TileBounds(0, 1, 2); // row 2 counted up from the bottom
        Assert.Equal(100000 + 256 * 0.28, b.MinX, 9);
        Assert.Equal(2 * 256 * 0.28, b.MinY, 9);
        Assert.Contains("\"crs\":{\"uri\":", tms.ToJson());
        var (first, second) = tms.TopLeftCorner(m);
        Assert.Equal(100000, first);
        Assert.Equal(4 * 256 * 0.28, second, 9); // 4 tiles of 71.68 m above the bottom-left origin
    }

    private static void AssertSameJson(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(JsonValueKind.Number, actual.ValueKind);
            var e = expected.GetDouble();
            Assert.True(Math.Abs(e - actual.GetDouble()) <= 1e-12 * Math.Max(1, Math.Abs(e)), $"{path}: {e} != {actual.GetDouble()}");
            return;
        }
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} != {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.EnumerateObject().Select(p => p.Name).Order());
                foreach (var p in expected.EnumerateObject())
                    AssertSameJson(p.Value, actual.GetProperty(p.Name), $"{path}.{p.Name}");
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                    AssertSameJson(expected[i], actual[i], $"{path}[{i}]");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }
}
