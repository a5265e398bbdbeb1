using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Plugins;

/// <summary>/plugins and /colorMaps on the real host, with the plugins the build copies beside the server.</summary>
public sealed class PluginEndpointsTests : IClassFixture<PluginEndpointsTests.Host>
{
    private readonly HttpClient _client;

    public PluginEndpointsTests(Host host) => _client = host.CreateClient();

    [Fact]
    public async Task Plugins_ListsLoadedPluginsWithRegistrations_AndLayersWhoseSourceTypeIsMissing()
    {
        using var json = await GetJsonAsync("/plugins");
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.Equal(1, plugins["Expressions"].GetProperty("registered").GetProperty("expressionCompilers").GetInt32());
        Assert.Equal(166, plugins["Colormaps"].GetProperty("registered").GetProperty("colormaps").GetInt32());
        Assert.Equal("testpattern", plugins["TestPattern"].GetProperty("registered").GetProperty("sourceTypes")[0].GetString());
        Assert.Equal("1.0.0", plugins["TestPattern"].GetProperty("version").GetString());
        var missing = Assert.Single(json.RootElement.GetProperty("missingSourceTypes").EnumerateArray());
        Assert.Equal(("needs-plugin", "no-such-type"), (missing.GetProperty("layer").GetString(), missing.GetProperty("sourceType").GetString()));
    }

    [Fact]
    public async Task ColorMaps_ListsTheNames()
    {
        using var json = await GetJsonAsync("/colorMaps");
        var names = json.RootElement.GetProperty("colorMaps").EnumerateArray().Select(n => n.GetString()).ToList();

        Assert.Equal(166, names.Count);
        Assert.Contains("rdylgn_r", names);
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

    [Fact]
    public async Task ColorMap_AsPng_IsALegendStrip()
    {
        using var response = await _client.GetAsync("/colorMaps/viridis?format=png");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal((256, 20), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(68, 1, 84, 255), bitmap.GetPixel(0, 10));
        Assert.Equal(new SKColor(253, 231, 36, 255), bitmap.GetPixel(255, 10));
    }

    [Theory]
    [InlineData("/colorMaps/not-a-map", HttpStatusCode.NotFound)]
    [InlineData("/colorMaps/viridis?format=gif", HttpStatusCode.BadRequest)]
    public async Task ColorMap_BadRequests_AreProblems(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public sealed class Host : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Layers:0:Id", "needs-plugin");
            builder.UseSetting("Layers:0:Source:Type", "no-such-type");
            builder.UseSetting("Layers:0:Source:Url", "nowhere.tif");
        }
    }
}
