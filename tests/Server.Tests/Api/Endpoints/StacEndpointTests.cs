using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /stac end to end: the real server with the STAC and Expressions plugins loaded from its plugins folder, over a
/// STAC item whose B04 and B08 assets are fake datasets in EPSG:3857.
/// </summary>
public sealed class StacEndpointTests : IDisposable
{
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public StacEndpointTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener, plugins: true);
        opener.Add(new FakeRasterDataset(_server.DataPath("b04.tif"), "EPSG:3857", Area, 1, (_, x, _) => Red(Decile(x))));
        opener.Add(new FakeRasterDataset(_server.DataPath("b08.tif"), "EPSG:3857", Area, 1, (_, x, _) => Nir(Decile(x))));
        File.WriteAllText(_server.DataPath("item.json"), Item);
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private static int Decile(double x) => (int)Math.Floor((x - Area.MinX) / Area.Width * 10);

    private static float Red(int decile) => 1000 + 100 * decile;

    private static float Nir(int decile) => 3000 - 150 * decile;

    private const string Item = """
        {
          "type": "Feature", "stac_version": "1.0.0", "id": "scene-1",
          "bbox": [-180, 0, 0, 85.05],
          "geometry": { "type": "Polygon", "coordinates": [[[-180, 0], [0, 0], [0, 85.05], [-180, 85.05], [-180, 0]]] },
          "properties": { "datetime": "2024-06-01T10:00:00Z" },
          "links": [],
          "assets": {
            "B04": { "href": "b04.tif", "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"] },
            "B08": { "href": "b08.tif", "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"] }
          }
        }
        """;

    private const string Url = "url=data/item.json";

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        // The plugins load in a hosted service: wait until the stac-item source answers.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.GetAsync(path);
            if (attempt >= 50 || !(await response.Content.ReadAsStringAsync()).Contains("plugin"))
                return response;
            await Task.Delay(100);
        }
    }

    /// <summary>NDVI of each 32×32 preview pixel, computed from the fake source values.</summary>
    private static double[] ExpectedNdvi() => Enumerable.Range(0, 32 * 32).Select(i =>
    {
        var d = (int)Math.Floor((i % 32 + 0.5) / 3.2);
        return (double)((Nir(d) - Red(d)) / (Nir(d) + Red(d)));
    }).ToArray();

    [Theory]
    [InlineData("assets=B08&assets=B04&expression=(b1-b2)/(b1%2Bb2)", "2.x")]
    [InlineData("expression=(B08_b1-B04_b1)/(B08_b1%2BB04_b1)", "1.x")]
    [InlineData("expression=(B08-B04)/(B08%2BB04)&asset_as_band=true", "1.x")]
    public async Task NdviStatistics_EqualThoseOfTheSourcePixels_InBothDialects(string selection, string _)
    {
        var response = await GetAsync($"/stac/statistics?{Url}&{selection}&max_size=32");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Single().Value;
        var expected = ExpectedNdvi();
        Assert.Equal(expected.Min(), stats.GetProperty("min").GetDouble(), 6);
        Assert.Equal(expected.Max(), stats.GetProperty("max").GetDouble(), 6);
        Assert.Equal(expected.Average(), stats.GetProperty("mean").GetDouble(), 6);
        Assert.Equal(Std(expected), stats.GetProperty("std").GetDouble(), 6);
        Assert.Equal(32 * 32, stats.GetProperty("valid_pixels").GetDouble());
    }

    [Fact]
    public async Task Assets_ListsTheItemsAssets()
    {
        var assets = await (await GetAsync($"/stac/assets?{Url}")).Content.ReadFromJsonAsync<string[]>() ?? [];
        Assert.Equal(["B04", "B08"], assets);
    }

    [Fact]
    public async Task Info_IsPerAsset()
    {
        var info = await (await GetAsync($"/stac/info?{Url}&assets=:all:")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("uint16", info.GetProperty("B08").GetProperty("dtype").GetString());
    }

    [Fact]
    public async Task UnknownAsset_Is404ListingTheAssets()
    {
        var response = await GetAsync($"/stac/tiles/WebMercatorQuad/1/0/0.png?{Url}&assets=B99");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("no asset 'B99'", problem);
        Assert.Contains("B04, B08", problem);
    }

    [Fact]
    public async Task TrueColourTile_FromAssets_HasTheDialectHeader()
    {
        var response = await GetAsync($"/stac/tiles/WebMercatorQuad/1/0/0.png?{Url}&assets=B04|indexes=1&assets=B08|indexes=1&assets=B04|indexes=1&rescale=0,4000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("2.x", response.Headers.GetValues("OgcTiler-Titiler-Dialect").Single());
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        var p = bitmap.GetPixel(0, 0);
        Assert.Equal(((int)(1000 / 4000.0 * 255), (int)(3000 / 4000.0 * 255)), (p.Red, p.Green));
    }

    [Fact]
    public async Task NdviPoint_IsTheExpressionValue()
    {
        var x = Area.MinX + Area.Width * 0.05;
        var point = await (await GetAsync($"/stac/point/{x},{Area.MaxY / 2}?{Url}&coord_crs=EPSG:3857&assets=B08&assets=B04&expression=(b1-b2)/(b1%2Bb2)"))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3000.0 - 1000) / 4000, point.GetProperty("values")[0].GetDouble(), 6);
    }

    private static double Std(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    // Non-ASCII and control characters in user text reach error messages, never a header (they made a 500 once).
    [Theory]
    [InlineData("assets=B%C3%A9", 404)]
    [InlineData("assets=B04&expression=b1*%C3%A9", 400)]
    [InlineData("assets=B04&color_formula=gamma%20r%20%E2%80%A8", 422)]
    [InlineData("assets=B04&rescale=0,%E2%88%9E", 422)]
    [InlineData("assets=B04%0D%0AX-Injected:%201", 404)]
    public async Task Bbox_WithNonAsciiOrControlCharactersInParameters_IsAClientError(string query, int status)
    {
        var response = await GetAsync($"/stac/bbox/-90,10,-80,20.png?{Url}&{query}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Injected"));
    }
}
