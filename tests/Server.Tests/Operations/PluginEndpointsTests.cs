using System.Net;
using System.Text.Json;

namespace OgcTiler.Server.Tests.Operations;

/// <summary>/plugins on the real host, with the plugins the build copies beside the server.</summary>
public sealed class PluginEndpointsTests : IClassFixture<PluginEndpointsTests.Host>
{
    private readonly HttpClient _client;

    public PluginEndpointsTests(Host host) => _client = host.Server.CreateClient();

    [Fact]
    public async Task Plugins_ListsLoadedPluginsWithRegistrations_AndLayersWhoseSourceTypeIsMissing()
    {
        using var json = await GetJsonAsync("/plugins");
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.Equal(1, plugins["Expressions"].GetProperty("registered").GetProperty("expressionCompilers").GetInt32());
        Assert.Equal(211, plugins["Colormaps"].GetProperty("registered").GetProperty("colormaps").GetInt32());
        Assert.Equal("testpattern", plugins["TestPattern"].GetProperty("registered").GetProperty("sourceTypes")[0].GetString());
        Assert.Equal("1.0.0", plugins["TestPattern"].GetProperty("version").GetString());
        var missing = Assert.Single(json.RootElement.GetProperty("missingSourceTypes").EnumerateArray());
        Assert.Equal(("needs-plugin", "no-such-type"), (missing.GetProperty("layer").GetString(), missing.GetProperty("sourceType").GetString()));
    }

    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The shipped config with its first layer's source type replaced by one no plugin provides.</summary>
    public sealed class Host : IDisposable
    {
        public ServerFactory Server { get; } = new()
        {
            Settings = new Dictionary<string, string>
            {
                ["Layers:0:Id"] = "needs-plugin",
                ["Layers:0:Source:Type"] = "no-such-type",
                ["Layers:0:Source:Url"] = "nowhere.tif",
            },
        };

        public void Dispose() => Server.Dispose();
    }
}
