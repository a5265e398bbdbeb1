using System.Net;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Algorithms;

/// <summary>/algorithms and the algorithms on /cog tiles, through the real server and pipeline.</summary>
public sealed class AlgorithmEndpointTests : IDisposable
{
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public AlgorithmEndpointTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener, plugins: true);
        opener.Add(new FakeRasterDataset(_server.DataPath("demo.tif"), "EPSG:3857", Area, 3, (band, x, _) => 100 * band + (float)Math.Floor((x - Area.MinX) / Area.Width * 10)));
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private const string Tile = "/cog/tiles/WebMercatorQuad/1/0/0.png?url=data/demo.tif";

    // The case: TiTiler reads tilesize + 2·buffer and hillshade crops its own buffer (3) from that.
    [Theory]
    [InlineData("&buffer=3", 256)]
    [InlineData("", 250)]
    [InlineData("&buffer=3&algorithm_params={\"buffer\":0}", 262)]
    public async Task HillshadeTile_IsCroppedByItsBuffer(string extra, int size)
    {
        var response = await _client.GetAsync($"{Tile}&bidx=1&algorithm=hillshade{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((size, size), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("slope", "&bidx=1&rescale=0,90&buffer=3")]
    [InlineData("contours", "&bidx=1")]
    [InlineData("terrarium", "&bidx=1")]
    [InlineData("terrainrgb", "&bidx=1")]
    [InlineData("normalizedIndex", "&bidx=1&bidx=2&rescale=-1,1")]
    [InlineData("cast", "")]
    [InlineData("ceil", "")]
    [InlineData("floor", "")]
    [InlineData("min", "&rescale=0,400")]
    [InlineData("max", "&rescale=0,400")]
    [InlineData("median", "&rescale=0,400")]
    [InlineData("mean", "&rescale=0,400")]
    [InlineData("std", "&rescale=0,400")]
    [InlineData("var", "&rescale=0,20000")]
    [InlineData("sum", "&rescale=0,1000")]
    [InlineData("grayscale", "&rescale=0,400")]
    [InlineData("bitonal", "&bidx=1")]
    public async Task EveryAlgorithm_RendersATile(string algorithm, string extra)
    {
        var response = await _client.GetAsync($"{Tile}&algorithm={algorithm}{extra}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(256, bitmap.Width);
    }

    [Theory]
    [InlineData("bitonal", "&bidx=1&bidx=2")]
    [InlineData("grayscale", "&bidx=1")]
    [InlineData("normalizedIndex", "&bidx=1")]
    public async Task WrongBandCount_Is422(string algorithm, string extra)
    {
        var response = await _client.GetAsync($"{Tile}&algorithm={algorithm}{extra}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"algorithm: {algorithm} cannot use", await response.Content.ReadAsStringAsync());
    }

    // Ported from titiler core/tests/test_factories.py test_algorithm.
    [Fact]
    public async Task Algorithms_ListAndMetadata_JsonAndHtml()
    {
        using var list = JsonDocument.Parse(await _client.GetStringAsync("/algorithms"));
        var ids = list.RootElement.GetProperty("algorithms").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["hillshade", "slope", "contours", "normalizedIndex", "terrarium", "terrainrgb", "cast", "ceil", "floor",
            "min", "max", "median", "mean", "std", "var", "sum", "grayscale", "bitonal"], ids);
        Assert.EndsWith("/algorithms/hillshade", list.RootElement.GetProperty("algorithms")[0].GetProperty("links")[0].GetProperty("href").GetString());

        await AssertHtml("/algorithms?f=html");
        await AssertHtml("/algorithms", accept: "text/html");
        await AssertHtml("/algorithms/hillshade?f=html");
        await AssertHtml("/algorithms/hillshade", accept: "text/html");

        using var hillshade = JsonDocument.Parse(await _client.GetStringAsync("/algorithms/hillshade"));
        var root = hillshade.RootElement;
        Assert.Equal("Hillshade", root.GetProperty("title").GetString());
        Assert.Equal(1, root.GetProperty("inputs").GetProperty("nbands").GetInt32());
        Assert.Equal("uint8", root.GetProperty("outputs").GetProperty("dtype").GetString());
        var azimuth = root.GetProperty("parameters").GetProperty("azimuth");
        Assert.Equal((45, 0, 360, "integer", "Azimuth"), (azimuth.GetProperty("default").GetInt32(), azimuth.GetProperty("minimum").GetInt32(),
            azimuth.GetProperty("maximum").GetInt32(), azimuth.GetProperty("type").GetString(), azimuth.GetProperty("title").GetString()));
        Assert.Equal(["azimuth", "angle_altitude", "buffer", "z_exaggeration"], root.GetProperty("parameters").EnumerateObject().Select(p => p.Name));

        using var terrarium = JsonDocument.Parse(await _client.GetStringAsync("/algorithms/terrarium"));
        var nodata = terrarium.RootElement.GetProperty("parameters").GetProperty("nodata_height");
        Assert.Equal(JsonValueKind.Null, nodata.GetProperty("default").ValueKind);
        Assert.Equal("null", nodata.GetProperty("anyOf")[1].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/algorithms/hillshad")]
    [InlineData("/algorithms?f=xml")]
    public async Task BadAlgorithmRequests_Are422(string path) =>
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _client.GetAsync(path)).StatusCode);

    private async Task AssertHtml(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
