using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Operations;

/// <summary>/healthz, /readyz, /metrics and /api on the shipped config, demo data and built plugins.</summary>
public sealed partial class OperationsEndpointTests : IClassFixture<DemoServer>
{
    private readonly HttpClient _client;

    public OperationsEndpointTests(DemoServer demo) => _client = demo.Server.CreateClient();

    [Fact]
    public async Task Healthz_AnswersHealthy()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WithPluginsLoadedAndTheDemoDataReadable_IsHealthy()
    {
        var response = await _client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountThemPerDoorAndStatus()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/layers/s2/tiles/WebMercatorQuad/11/1198/848.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/layers/nope")).StatusCode);

        // A request's duration is recorded once its response has ended, just after the client has it: scrape until it shows.
        var text = await ScrapeUntilAsync(_client, t => RequestCount(t, "layers", 404) >= 1);

        Assert.True(RequestCount(text, "layers", 200) >= 1, text);
        Assert.True(RequestCount(text, "wmts", 200) >= 1, text);
        Assert.True(RequestCount(text, "layers", 404) >= 1, text);
        Assert.Matches(@"(?m)^ogctiler_plugin_loads_total(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", text); // runtime instrumentation
        foreach (var stage in new[] { "read", "compose", "encode" })
            Assert.Matches($@"(?m)^ogctiler_render_duration_seconds_count\{{[^}}]*stage=""{stage}""[^}}]*\}} [1-9]", text);
        Assert.Matches(@"(?m)^ogctiler_block_cache_lookups_total\{[^}]*result=""miss""[^}]*\} [1-9]", text);
    }

    [Fact]
    public async Task Api_IsAValidOpenApi31Document_DescribingEveryDoor()
    {
        var json = await _client.GetStringAsync("/api");

        var result = OpenApiDocument.Parse(json, "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        var paths = result.Document!.Paths.Keys;
        foreach (var path in new[] { "/layers", "/tileMatrixSets", "/colorMaps", "/plugins", "/wmts", "/wms", "/cog/info", "/stac/info" })
            Assert.Contains(path, paths);
        Assert.DoesNotContain("/metrics", paths);
    }

    [Fact]
    public async Task Api_DocumentsTheQueryParameters_WithTheServersOwnValues()
    {
        var document = OpenApiDocument.Parse(await _client.GetStringAsync("/api"), "json").Document!;
        var tile = document.Paths["/cog/tiles/{tms}/{z}/{x}/{tile}"].Operations![HttpMethod.Get];
        IEnumerable<string> Values(OpenApiOperation operation, string name) =>
            operation.Parameters!.Single(p => p.Name == name).Schema!.Enum!.Select(v => v!.GetValue<string>());

        var url = document.Paths["/cog/info"].Operations![HttpMethod.Get].Parameters!.Single(p => p.Name == "url");
        Assert.Equal(ParameterLocation.Query, url.In);
        Assert.True(url.Required);
        var sets = JsonDocument.Parse(await _client.GetStringAsync("/tileMatrixSets")).RootElement.GetProperty("tileMatrixSets")
            .EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(sets, Values(tile, "tms"));
        Assert.Equal(["average", "bilinear", "cubic", "nearest"], Values(tile, "resampling"));
        Assert.Contains("viridis", Values(tile, "colormap_name"));
        Assert.Contains("hillshade", Values(tile, "algorithm"));
        Assert.Equal(["jpeg", "jpg", "png", "webp"], Values(document.Paths["/layers/{id}/tiles/{tms}/{z}/{x}/{y}.{format}"].Operations![HttpMethod.Get], "format"));
        Assert.Contains("application/problem+json", tile.Responses!["422"].Content!.Keys);
    }

    // A documented parameter the route did not read would accept any value: each must refuse a wrong one by name.
    [Theory]
    [InlineData("resampling")]
    [InlineData("reproject")]
    [InlineData("colormap_name")]
    [InlineData("algorithm")]
    [InlineData("rescale")]
    [InlineData("bidx")]
    [InlineData("tilesize")]
    [InlineData("return_mask")]
    public async Task Api_DocumentedTileParameter_IsReadByTheRoute(string name)
    {
        var document = OpenApiDocument.Parse(await _client.GetStringAsync("/api"), "json").Document!;
        Assert.Contains(document.Paths["/cog/tiles/{tms}/{z}/{x}/{tile}"].Operations![HttpMethod.Get].Parameters!, p => p.Name == name);
        var cog = Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif");

        var response = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/11/1198/848.png?url={Uri.EscapeDataString(cog)}&bidx=1&{name}=zzz");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(name, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Each example of a tile parameter works on the demo COG: the reference page shows values a user can try.</summary>
    [Fact]
    public async Task Api_TileParameterExamples_AreAcceptedByTheRoute()
    {
        var document = OpenApiDocument.Parse(await _client.GetStringAsync("/api"), "json").Document!;
        var examples = document.Paths["/cog/tiles/{tms}/{z}/{x}/{tile}"].Operations![HttpMethod.Get].Parameters!
            .Where(p => p.Example is not null && p.Name != "url")
            .ToDictionary(p => p.Name!, p => p.Example is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Example!.ToJsonString());
        var cog = Uri.EscapeDataString(Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif"));

        Assert.Superset(new HashSet<string> { "bidx", "expression", "rescale", "colormap_name", "colormap", "color_formula", "resampling", "nodata" }, examples.Keys.ToHashSet());
        var failures = new List<string>();
        foreach (var (name, example) in examples)
        {
            var bands = name switch { "bidx" or "expression" => "", "colormap_name" or "colormap" => "&bidx=1", _ => "&bidx=3,2,1" };
            var response = await _client.GetAsync($"/cog/tiles/WebMercatorQuad/11/1198/848.png?url={cog}{bands}&{name}={Uri.EscapeDataString(example)}");
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{name}={example}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Api_EveryDocumentedRoute_Answers()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/api"));
        var failures = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var url = SampleUrl(path.Name);
                var response = operation.Name == "post"
                    ? await _client.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json"))
                    : await _client.GetAsync(url);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                // no search is registered and no STAC API configured here: the /searches/{searchId} and
                // /collections/{collectionId} routes answer that the id is unknown
                var unknownSearch = status == 404
                    && (body.Contains("SearchId `0` not found", StringComparison.Ordinal) || body.Contains("CollectionId `0` not found", StringComparison.Ordinal));
                if ((status is 404 && !unknownSearch) || status is 405 || status >= 500)
                    failures.Add($"{operation.Name.ToUpperInvariant()} {url}: {status} {body}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task ApiHtml_ServesTheReferencePage_WithItsScriptFromThisServer()
    {
        var page = await _client.GetStringAsync("/api.html/");

        var script = ScriptSource().Match(page);
        Assert.True(script.Success, page);
        Assert.False(script.Groups[1].Value.StartsWith("http", StringComparison.Ordinal), script.Groups[1].Value);
        var scriptUrl = new Uri(new Uri(_client.BaseAddress!, "/api.html/"), script.Groups[1].Value);
        var body = await _client.GetByteArrayAsync(scriptUrl);
        Assert.True(body.Length > 10_000, $"{scriptUrl}: {body.Length} bytes");
    }

    /// <summary>A concrete URL for a documented route: the demo layer, WebMercatorQuad, tile 0/0/0, and so on.</summary>
    private static string SampleUrl(string template) => RouteParameter().Replace(template, m => m.Groups[1].Value switch
    {
        "id" when template.StartsWith("/layers", StringComparison.Ordinal) => "s2",
        "layer" => "s2",
        "style" => "default",
        "name" => "viridis",
        "id" or "tms" or "set" => "WebMercatorQuad",
        "ext" when template.Contains("{i}", StringComparison.Ordinal) => "json", // GetFeatureInfo
        "format" or "ext" => "png",
        "tile" => "0.png",
        "coordinates" when template.Contains("bbox", StringComparison.Ordinal) => "30.5,29.2,30.6,29.3",
        "coordinates" when template.StartsWith("/layers", StringComparison.Ordinal) => "30.73,29.39", // inside the s2 layer
        "coordinates" => "30.5,29.2",
        "size" => "64x64.png",
        _ => "0",
    });

    internal static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> shows)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (shows(text) || attempt == 40)
                return text;
            await Task.Delay(250); // the exporter keeps a scrape for 300 ms
        }
    }

    private static long RequestCount(string metrics, string door, int status) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains($"ogctiler_door=\"{door}\"", StringComparison.Ordinal)
                && l.Contains($"http_response_status_code=\"{status}\"", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<script[^>]+src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}

/// <summary>/readyz when a layer cannot be served, with and without <c>Health:Details</c>.</summary>
public sealed class ReadinessTests
{
    private static string Config(string sourceType, string details) => $$"""
        {
          "Sources": { "AllowedRoots": ["data"] },
          "Health": { "Details": {{details}} },
          "Layers": [ { "Id": "scene", "Source": { "Type": "{{sourceType}}", "Url": "data/missing.tif" } } ]
        }
        """;

    [Fact]
    public async Task Readyz_SourceTypeWithoutProvider_IsUnavailableNamingIt()
    {
        await using var server = new ServerFactory(Config("stac-item", "true"), opener: null);

        var response = await server.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        var plugins = report.RootElement.GetProperty("checks").GetProperty("plugins");
        Assert.Equal("Unhealthy", plugins.GetProperty("status").GetString());
        Assert.Contains("stac-item", plugins.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readyz_SampleSourceUnreadable_IsUnavailable_WithOnlyTheStatusWordByDefault()
    {
        await using var server = new ServerFactory(Config("cog", "false"), opener: null);

        var response = await server.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_Details_NameTheUnreadableLayer()
    {
        await using var server = new ServerFactory(Config("cog", "true"), opener: null);

        using var report = JsonDocument.Parse(await (await server.CreateClient().GetAsync("/readyz")).Content.ReadAsStringAsync());

        var sample = report.RootElement.GetProperty("checks").GetProperty("sample-source");
        Assert.Equal("Unhealthy", sample.GetProperty("status").GetString());
        Assert.Contains("layer 'scene' is not readable", sample.GetProperty("description").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("plugins").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_UnknownPluginSourceOption_IsUnavailableNamingIt_AndTheLayerSays400()
    {
        await using var server = new ServerFactory("""
            { "Sources": { "AllowedRoots": ["data"] },
              "Health": { "Details": true },
              "Layers": [ { "Id": "item", "Source": { "Type": "stac-item", "Url": "data/item.json", "Asets": "B04" } } ] }
            """, opener: null, plugins: true);
        var client = server.CreateClient();

        var report = await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync();
        var tile = await client.GetAsync("/layers/item/tiles/WebMercatorQuad/0/0/0.png");

        Assert.Contains("Layers:0:Source:Asets: source type 'stac-item' has no option 'Asets' (its options: assets)", JsonDocument.Parse(report)
            .RootElement.GetProperty("checks").GetProperty("plugins").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tile.StatusCode);
        Assert.Contains("layer 'item': source type 'stac-item' has no option 'Asets'", await tile.Content.ReadAsStringAsync());
    }
}
