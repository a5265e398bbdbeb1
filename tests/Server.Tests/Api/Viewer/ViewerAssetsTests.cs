using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OgcTiler.Server.Tests.Api.Viewer;

/// <summary>map.html refers only to files this server serves (/viewer/...), with caching headers.</summary>
public sealed partial class ViewerAssetsTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private readonly HttpClient _client = demo.Server.CreateClient();

    [Fact]
    public async Task MapHtml_EveryScriptAndStylesheet_IsServedHere()
    {
        var page = await _client.GetStringAsync("/layers/s2/map.html");

        var references = Reference().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["../../viewer/leaflet/leaflet.css", "../../viewer/viewer.css", "../../viewer/leaflet/leaflet.js", "../../viewer/viewer-kit.js", "../../viewer/viewer.js"], references);
        foreach (var reference in references)
        {
            var response = await _client.GetAsync(new Uri(new Uri(_client.BaseAddress!, "/layers/s2/map.html"), reference));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500, reference);
        }
    }

    [Theory]
    [InlineData("/viewer/leaflet/leaflet.js", "text/javascript")]
    [InlineData("/viewer/leaflet/leaflet.css", "text/css")]
    [InlineData("/viewer/leaflet/images/layers.png", "image/png")]
    [InlineData("/viewer/leaflet/LICENSE", "text/plain")]
    [InlineData("/viewer/proj4/proj4.js", "text/javascript")]
    [InlineData("/viewer/proj4leaflet/proj4leaflet.js", "text/javascript")]
    public async Task ViewerFile_HasItsTypeAndAnETag_AndIfNoneMatchIs304(string path, string type)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ViewerFile_Unknown_Is404Problem()
    {
        var response = await _client.GetAsync("/viewer/leaflet/leaflet.js.map");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MapHtml_ConfigJson_NamesTheLayerAndBasemap_AndCannotCloseItsScript()
    {
        var page = await _client.GetStringAsync("/layers/s2/map.html");

        var config = ConfigScript().Match(page);
        Assert.True(config.Success, page);
        Assert.DoesNotContain("<", config.Groups[1].Value);
        Assert.Contains("\"layer\":\"s2\"", config.Groups[1].Value);
        Assert.Contains("\"basemap\":{\"url\":\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"", config.Groups[1].Value);
    }

    /// <summary>
    /// TiTiler's map.html (titiler core templates/map.html) draws every TileMatrixSet in its own CRS with proj4leaflet:
    /// the page of another set loads proj4 and proj4leaflet and carries the set's CRS, origin, cell sizes, extent and
    /// tile size, without the Web Mercator basemap; WebMercatorQuad's needs neither; a set of variable matrix widths
    /// cannot be drawn so (404).
    /// </summary>
    [Fact]
    public async Task CogMapHtml_OfAnotherSet_LoadsProj4_AndCarriesTheSetsProjection()
    {
        var page = await _client.GetStringAsync("/cog/WorldCRS84Quad/map.html?url=x.tif");

        var references = Reference().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/viewer/leaflet/leaflet.css", "/viewer/viewer.css", "/viewer/leaflet/leaflet.js", "/viewer/proj4/proj4.js", "/viewer/proj4leaflet/proj4leaflet.js", "/viewer/viewer-kit.js", "/viewer/tiler-viewer.js"], references);
        using var config = JsonDocument.Parse(ConfigScript().Match(page).Groups[1].Value);
        var root = config.RootElement;
        Assert.Equal("WorldCRS84Quad", root.GetProperty("tileMatrixSet").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("basemap").ValueKind);
        var projection = root.GetProperty("projection");
        Assert.StartsWith("GEOGCS[\"WGS 84\"", projection.GetProperty("wkt").GetString());
        Assert.Equal([-180.0, 90.0], projection.GetProperty("origin").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([-180.0, -90.0, 180.0, 90.0], projection.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()));
        var resolutions = projection.GetProperty("resolutions").EnumerateArray().Select(v => v.GetDouble()).ToList();
        using var set = JsonDocument.Parse(await _client.GetStringAsync("/tileMatrixSets/WorldCRS84Quad"));
        Assert.Equal(set.RootElement.GetProperty("tileMatrices").EnumerateArray().Select(m => m.GetProperty("cellSize").GetDouble()), resolutions);
        Assert.Equal((24, 0.703125), (resolutions.Count, resolutions[0]));
        Assert.Equal(256, projection.GetProperty("tileSize").GetInt32());

        var laea = await _client.GetStringAsync("/cog/EuropeanETRS89_LAEAQuad/map.html?url=x.tif");
        using var laeaConfig = JsonDocument.Parse(ConfigScript().Match(laea).Groups[1].Value);
        var laeaProjection = laeaConfig.RootElement.GetProperty("projection");
        Assert.Contains("Lambert_Azimuthal_Equal_Area", laeaProjection.GetProperty("wkt").GetString());
        Assert.Equal([2000000.0, 5500000.0], laeaProjection.GetProperty("origin").EnumerateArray().Select(v => v.GetDouble()));

        var mercator = await _client.GetStringAsync("/cog/WebMercatorQuad/map.html?url=x.tif");
        Assert.DoesNotContain("proj4", mercator);
        Assert.Contains("\"projection\":null", ConfigScript().Match(mercator).Groups[1].Value);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/cog/CDB1GlobalGrid/map.html?url=x.tif")).StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("""<script id="viewer-config" type="application/json">(.*?)</script>""")]
    private static partial Regex ConfigScript();
}
