using System.Net;
using System.Text.Json;
using SkiaSharp;

namespace OgcTiler.Server.Tests.ColorMaps;

/// <summary>/colorMaps on the shipped config, with the plugins the build copies beside the server.</summary>
public sealed class ColormapEndpointsTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private readonly HttpClient _client = demo.Server.CreateClient();

    /// <summary>TiTiler 2.x's ColorMapList (titiler core/tests/test_factories.py, test_colormaps).</summary>
    [Fact]
    public async Task ColorMaps_ListsTheNamesWithLinks()
    {
        using var json = await GetJsonAsync("/colorMaps");
        var maps = json.RootElement.GetProperty("colormaps").EnumerateArray().ToList();
        var names = maps.Select(m => m.GetProperty("id").GetString()).ToList();

        Assert.Equal(211, names.Count);
        Assert.Contains("rdylgn_r", names);
        Assert.Contains("cfastie", names);
        var link = maps.Single(m => m.GetProperty("id").GetString() == "viridis").GetProperty("links")[0];
        Assert.EndsWith("/colorMaps/viridis", link.GetProperty("href").GetString());
        Assert.Equal("item", link.GetProperty("rel").GetString());
    }

    /// <summary>
    /// titiler core/tests/test_factories.py, test_colormap_factory: /colorMaps and /colorMaps/viridis answer HTML for
    /// <c>Accept: text/html</c> (and <c>f=html</c>): the list links every colormap's page, a colormap's page shows its
    /// vertical legend, a 20×256 PNG (TiTiler's colormap.html template).
    /// </summary>
    [Theory]
    [InlineData("f=html", null)]
    [InlineData("", "text/html")]
    public async Task ColorMaps_AskedForHtml_ArePagesOfTheListAndTheLegend(string query, string? accept)
    {
        var list = await GetHtmlAsync($"/colorMaps?{query}", accept);
        Assert.Contains("/colorMaps/viridis?f=html\">viridis</a>", list);
        Assert.Contains("/colorMaps/rdylgn_r?f=html\">rdylgn_r</a>", list);

        var page = await GetHtmlAsync($"/colorMaps/viridis?{query}", accept);
        const string DataUri = "data:image/png;base64,";
        var start = page.IndexOf(DataUri, StringComparison.Ordinal) + DataUri.Length;
        using var legend = SKBitmap.Decode(Convert.FromBase64String(page[start..page.IndexOf('"', start)]));
        Assert.Equal((20, 256), (legend.Width, legend.Height));
        using var vertical = await GetPngAsync("/colorMaps/viridis?f=png&orientation=vertical");
        Assert.Equal(vertical.GetPixel(10, 0), legend.GetPixel(10, 0));
        Assert.Equal(vertical.GetPixel(10, 255), legend.GetPixel(10, 255));
    }

    [Fact]
    public async Task ColorMaps_AskedForJsonWithAnHtmlAccept_AreJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/colorMaps/viridis?f=json");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await _client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>titiler core/tests/test_factories.py, test_colormaps: <c>f=png</c> and its sizes; image parameters without f give the table.</summary>
    [Theory]
    [InlineData("f=png", 256, 20)]
    [InlineData("f=png&orientation=vertical", 20, 256)]
    [InlineData("f=png&width=1000&height=100", 1000, 100)]
    public async Task ColorMap_WithTitilersFormatParameter_IsALegend(string query, int width, int height)
    {
        using var bitmap = await GetPngAsync($"/colorMaps/viridis?{query}");
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("orientation=vertical")]
    [InlineData("width=1000&height=100")]
    [InlineData("format=json&width=10")]
    public async Task ColorMap_ImageParametersWithoutAnImageFormat_GiveTheTable(string query)
    {
        using var json = await GetJsonAsync($"/colorMaps/viridis?{query}");
        Assert.Equal(256, json.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task ColorMap_IsATableFrom0To255()
    {
        using var json = await GetJsonAsync("/colorMaps/viridis");
        var table = json.RootElement.EnumerateObject().ToList();

        Assert.Equal(256, table.Count);
        Assert.Equal([68, 1, 84, 255], json.RootElement.GetProperty("0").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([253, 231, 36, 255], json.RootElement.GetProperty("255").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Theory]
    [InlineData("format=png", 256, 20)]
    [InlineData("format=png&orientation=horizontal&width=512&height=7", 512, 7)]
    [InlineData("format=png&width=100", 100, 20)]
    [InlineData("format=PNG&orientation=vertical", 20, 256)]
    [InlineData("format=png&orientation=vertical&height=128&width=3", 3, 128)]
    public async Task ColorMap_AsPng_IsALegendStripOfTheTable(string query, int width, int height)
    {
        var table = await TableAsync("cfastie");
        using var bitmap = await GetPngAsync($"/colorMaps/cfastie?{query}");

        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var vertical = query.Contains("vertical");
        var length = vertical ? height : width;
        foreach (var position in new[] { 0, length / 3, length / 2, length - 1 })
        {
            // The pixel at a position shows the entry nearest its centre along the ramp.
            var expected = table[(int)((position + 0.5) * 256 / length)];
            var across = (vertical ? width : height) - 1;
            Assert.Equal(expected, vertical ? bitmap.GetPixel(0, position) : bitmap.GetPixel(position, 0));
            Assert.Equal(expected, vertical ? bitmap.GetPixel(across, position) : bitmap.GetPixel(position, across));
        }
    }

    [Fact]
    public async Task ColorMap_AsPng_StartsAndEndsWithMatplotlibsViridis()
    {
        using var horizontal = await GetPngAsync("/colorMaps/viridis?format=png");
        using var vertical = await GetPngAsync("/colorMaps/viridis?format=png&orientation=vertical");

        Assert.Equal(new SKColor(68, 1, 84, 255), horizontal.GetPixel(0, 10));
        Assert.Equal(new SKColor(253, 231, 36, 255), horizontal.GetPixel(255, 10));
        Assert.Equal(new SKColor(42, 118, 142, 255), horizontal.GetPixel(100, 19));
        Assert.Equal(new SKColor(68, 1, 84, 255), vertical.GetPixel(10, 0));
        Assert.Equal(new SKColor(42, 118, 142, 255), vertical.GetPixel(0, 100));
        Assert.Equal(new SKColor(253, 231, 36, 255), vertical.GetPixel(19, 255));
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task ColorMap_AsOtherImageFormats_HasTheirMediaTypeAndSize(string format, string mediaType)
    {
        using var response = await _client.GetAsync($"/colorMaps/viridis?format={format}&orientation=vertical&height=64");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((20, 64), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("/colorMaps/not-a-map", HttpStatusCode.NotFound, null)]
    [InlineData("/colorMaps/not-a-map?format=png", HttpStatusCode.NotFound, null)]
    [InlineData("/colorMaps/viridis?format=gif", HttpStatusCode.BadRequest, "format")]
    [InlineData("/colorMaps/viridis?format=png&orientation=diagonal", HttpStatusCode.BadRequest, "orientation")]
    [InlineData("/colorMaps/viridis?format=png&width=0", HttpStatusCode.BadRequest, "width")]
    [InlineData("/colorMaps/viridis?format=png&width=-5", HttpStatusCode.BadRequest, "width")]
    [InlineData("/colorMaps/viridis?format=png&height=abc", HttpStatusCode.BadRequest, "height")]
    [InlineData("/colorMaps/viridis?format=png&height=2.5", HttpStatusCode.BadRequest, "height")]
    [InlineData("/colorMaps/viridis?format=png&width=2049", HttpStatusCode.BadRequest, "width")]
    public async Task ColorMap_BadRequests_AreProblems(string url, HttpStatusCode status, string? parameter)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        if (parameter is not null)
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    private async Task<SKColor[]> TableAsync(string name)
    {
        using var json = await GetJsonAsync($"/colorMaps/{name}");
        return Enumerable.Range(0, 256)
            .Select(i => json.RootElement.GetProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray())
            .Select(c => new SKColor(c[0], c[1], c[2], c[3]))
            .ToArray();
    }

    private async Task<SKBitmap> GetPngAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> GetHtmlAsync(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
