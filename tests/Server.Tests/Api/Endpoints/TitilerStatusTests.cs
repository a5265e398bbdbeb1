using System.Net;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// TiTiler's status codes on /cog: FastAPI's 422 for values that fail validation, 400 for what TiTiler checks after it,
/// and requests TiTiler accepts. Cases from titiler core/tests/test_dependencies.py, core/tests/test_factories.py and
/// application/tests/routes/test_cog.py (named per case); the fake dataset is a 1024×1024 uint16 COG in EPSG:3857.
/// </summary>
public sealed class TitilerStatusTests : IDisposable
{
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);
    private const string Url = "url=data/demo.tif";
    private const string Tile = "/cog/tiles/WebMercatorQuad/1/0/0.png";

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public TitilerStatusTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener);
        opener.Add(new FakeRasterDataset(_server.DataPath("demo.tif"), "EPSG:3857", Area, 3, (band, _, _) => 100 * band));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Theory]
    [InlineData(Tile + "?bidx=1&resampling=somethingwrong", "resampling")] // test_cog.py test_tile
    [InlineData(Tile + "?nodata=invalid-value", "nodata")] // test_dependencies.py test_default
    [InlineData(Tile + "?rescale=not%20a%20number", "rescale")] // test_dependencies.py test_rescale_params
    [InlineData(Tile + "?rescale=0&rescale=1", "rescale")] // test_dependencies.py test_rescale_params
    [InlineData(Tile + "?algorithm=hillshad", "algorithm")] // test_dependencies.py test_algo
    [InlineData(Tile + "?algorithm=hillshade&algorithm_params=invalid%20json", "algorithm_params")] // test_dependencies.py test_algo
    [InlineData("/cog/statistics?histogram_bins=invalid%20value", "histogram_bins")] // test_dependencies.py test_histogram_params
    [InlineData("/cog/statistics?histogram_range=8", "histogram_range")] // test_dependencies.py test_histogram_params
    [InlineData("/cog/statistics?histogram_range=invalid%20value", "histogram_range")] // test_dependencies.py test_histogram_params
    [InlineData("/cog/statistics?dst_crs=invalid%20crs", "dst_crs")] // test_dependencies.py test_crs_params
    [InlineData("/cog/point/-100,10?coord_crs=invalid%20crs", "coord_crs")] // test_dependencies.py test_crs_params
    [InlineData("/cog/preview.png?width=-256", "width")] // test_factories.py test_TilerFactory (/map width=-256)
    [InlineData("/cog/preview.png?height=-256", "height")] // test_factories.py test_TilerFactory (/map height=-256)
    public async Task ValidationErrors_Are422(string path, string parameter)
    {
        using var problem = await ProblemAsync(path, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("{\"1\": [58, 102]}")] // test_factories.py test_TilerFactory: bad colormap format
    [InlineData("invalid json")] // test_dependencies.py test_colormap
    public async Task BadCustomColormaps_Are400(string colormap) =>
        (await ProblemAsync($"{Tile}?bidx=1&colormap={Uri.EscapeDataString(colormap)}", HttpStatusCode.BadRequest)).Dispose();

    [Fact]
    public async Task OtherDoors_Keep400()
    {
        var response = await _client.GetAsync("/layers/demo/tiles/WebMercatorQuad/1/0/0.png?resampling=somethingwrong");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/cog/preview.png?rescale=0,1000&max_size=0", 1024, 1024)] // test_factories.py: max_size=0 is full resolution
    [InlineData("/cog/preview.png?rescale=0,1000&max_size=256&height=512&width=512", 512, 512)] // test_factories.py
    [InlineData("/cog/preview.png?rescale=0,1000&max_size=0&height=100&width=200", 200, 100)]
    [InlineData("/cog/preview.png?rescale=%5B0,%201000%5D", 1024, 1024)] // test_dependencies.py: rescale=[0, 1] (JSON form)
    [InlineData("/cog/preview.png?rescale=%5B0,1%5D&rescale=%5B2,3%5D&rescale=%5B4,5%5D", 1024, 1024)] // test_dependencies.py
    public async Task AcceptedRequests_Render(string path, int width, int height)
    {
        var response = await _client.GetAsync($"{path}&{Url}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    private async Task<JsonDocument> ProblemAsync(string path, HttpStatusCode status)
    {
        var response = await _client.GetAsync(path + (path.Contains('?') ? "&" : "?") + Url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }
}
