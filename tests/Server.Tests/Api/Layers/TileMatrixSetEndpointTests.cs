using System.Net;
using System.Text.Json;
using OgcTiler.Server.Configuration;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api.Layers;

public sealed class TileMatrixSetEndpointTests : IDisposable
{
    private readonly ServerFactory _server = new(ServerFactory.DemoConfig(), new FakeRasterOpener());

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task List_HasTheThirteenOgcSetsWithLinks()
    {
        using var json = JsonDocument.Parse(await _server.CreateClient().GetStringAsync("/tileMatrixSets"));

        var sets = json.RootElement.GetProperty("tileMatrixSets").EnumerateArray().ToList();
        Assert.Equal(13, sets.Count);
        var mercator = sets.Single(s => s.GetProperty("id").GetString() == "WebMercatorQuad");
        Assert.Equal("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", mercator.GetProperty("uri").GetString());
        Assert.EndsWith("/tileMatrixSets/WebMercatorQuad", mercator.GetProperty("links")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task Get_IsTheTms20Document()
    {
        using var json = JsonDocument.Parse(await _server.CreateClient().GetStringAsync("/tileMatrixSets/WorldCRS84Quad"));

        Assert.Equal("WorldCRS84Quad", json.RootElement.GetProperty("id").GetString());
        var first = json.RootElement.GetProperty("tileMatrices")[0];
        Assert.Equal(2, first.GetProperty("matrixWidth").GetInt32());
        Assert.Equal(1, first.GetProperty("matrixHeight").GetInt32());
    }

    /// <summary>
    /// titiler core/factory.py TMSFactory (tilematrixsets, tilematrixset: <c>f</c> html/json or the Accept header) and
    /// its templates tilematrixsets.html (a link per set) and tilematrixset.html (id, uri, crs, the number of matrices,
    /// the first and last level, the origin, the tile size).
    /// </summary>
    [Theory]
    [InlineData("f=html", null)]
    [InlineData("", "text/html")]
    public async Task TileMatrixSets_AskedForHtml_ArePagesOfTheListAndOfASet(string query, string? accept)
    {
        var list = await GetHtmlAsync($"/tileMatrixSets?{query}", accept);
        Assert.Contains("/tileMatrixSets/WebMercatorQuad?f=html\">WebMercatorQuad</a>", list);
        Assert.Contains("/tileMatrixSets/EuropeanETRS89_LAEAQuad?f=html\">EuropeanETRS89_LAEAQuad</a>", list);
        Assert.Contains("?f=json\">JSON</a>", list);

        var page = await GetHtmlAsync($"/tileMatrixSets/WorldCRS84Quad?{query}", accept);
        Assert.Contains("<h1>WorldCRS84Quad TileMatrixSet</h1>", page);
        Assert.Contains("<li><strong>crs:</strong> http://www.opengis.net/def/crs/OGC/1.3/CRS84</li>", page);
        Assert.Contains("<li><strong>Nb TileMatrices:</strong> 24</li>", page);
        Assert.Contains("<li><strong>Min level:</strong> 0</li>", page);
        Assert.Contains("<li><strong>Max level:</strong> 23</li>", page);
        Assert.Contains("<li><strong>Origin:</strong> [-180, 90]</li>", page);
        Assert.Contains("<li><strong>Tile size:</strong> [256, 256]</li>", page);
    }

    [Fact]
    public async Task TileMatrixSet_AskedForJsonWithAnHtmlAccept_IsJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tileMatrixSets/WebMercatorQuad?f=json");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await _server.CreateClient().SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_Unknown_Is404NamingTheValidIds()
    {
        var response = await _server.CreateClient().GetAsync("/tileMatrixSets/Nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("WebMercatorQuad", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Start_WithLayerNamingAnUnknownSet_FailsListingIt()
    {
        using var server = new ServerFactory(ServerFactory.DemoConfig().Replace("[\"WebMercatorQuad\"]", "[\"WebMercatorQuad\", \"Mercator\"]"), new FakeRasterOpener());

        var error = Assert.Throws<ConfigurationException>(() => server.CreateClient());
        Assert.Contains("Layers:0:TileMatrixSets: unknown TileMatrixSet 'Mercator'", Assert.Single(error.Errors));
    }

    private async Task<string> GetHtmlAsync(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        using var response = await _server.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
