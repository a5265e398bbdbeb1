using System.Net;
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

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("""<script id="viewer-config" type="application/json">(.*?)</script>""")]
    private static partial Regex ConfigScript();
}
