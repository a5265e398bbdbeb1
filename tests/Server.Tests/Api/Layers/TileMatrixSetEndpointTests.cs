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
}
