using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OgcTiler.Server.Tests.Api;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Sources;

/// <summary>
/// The running server with the real raster engine and the STAC plugin, reading a GDAL-made COG from a
/// <see cref="FaultServer"/> that misbehaves in one way per route. Short timeouts are configured so every case ends
/// quickly; the bound checked is a functional upper bound (the request ends at all), not a speed figure.
/// </summary>
public sealed class HostileUpstreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private FaultServer _upstream = null!;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // Padded past the engine's 64 KB header read, so reads past the first one need a working Range.
        var cog = File.ReadAllBytes(RealCogs.Path("visual.tif")).Concat(new byte[100_000]).ToArray();
        _upstream = await FaultServer.StartAsync(cog);
        _upstream.TruncatedLength = 12_000; // the header and the first blocks
        _server = new ServerFactory(Config(_upstream.Prefix), opener: null, plugins: true);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private static string Config(string prefix, string extra = "") => $$"""
        {
          "Sources": {
            "AllowedRoots": [], "AllowedUrlPrefixes": ["{{prefix}}"]{{extra}},
            "FirstByteTimeoutSeconds": 1, "RequestTimeoutSeconds": 3, "MinBytesPerSecond": 2000, "Retries": 2
          },
          "Cache": { "Tiles": { "Enabled": false } },
          "Layers": []
        }
        """;

    private static string TilePath()
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("inside");
        return $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}.png";
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan Took, string? Type)> GetAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, clock.Elapsed, response.Content.Headers.ContentType?.MediaType);
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Theory]
    [InlineData("ok.tif", 200, "")]
    [InlineData("status-500.tif", 424, "HTTP 500")]
    [InlineData("status-503.tif", 424, "HTTP 503")]
    [InlineData("flaky-503.tif", 200, "")]
    [InlineData("reset.tif", 424, "reset.tif")]
    [InlineData("truncated.tif", 422, "truncated.tif")]
    [InlineData("wrong-range.tif", 424, "server answered range")]
    [InlineData("no-range.tif", 424, "does not support range requests")]
    [InlineData("stall.tif", 504, "Sources:FirstByteTimeoutSeconds")]
    [InlineData("trickle.tif", 504, "trickle.tif")]
    [InlineData("html.tif", 424, "answered an HTML page")]
    [InlineData("redirect-ok.tif", 200, "")]
    [InlineData("redirect-other-port.tif", 403, "does not start with an allowed prefix")]
    [InlineData("redirect-outside.tif", 403, "does not start with an allowed prefix")]
    [InlineData("redirect-file.tif", 403, "only http and https redirects are followed")]
    [InlineData("redirect-loop.tif", 424, "more than 5 redirects")]
    public async Task Tile_FromAMisbehavingUpstream_EndsInTimeWithItsStatus_AndTheServerStaysHealthy(string fault, int status, string message)
    {
        var (got, body, took, type) = await GetAsync($"{TilePath()}?url={Uri.EscapeDataString(_upstream.Url(fault))}");

        Assert.True(got == (HttpStatusCode)status, $"{fault}: {(int)got} {body}");
        if (status != 200)
        {
            Assert.Equal("application/problem+json", type);
            Assert.Contains(message, Detail(body));
        }
        Assert.True(took < Bound, $"{fault}: took {took}");
        Assert.Equal(0, _upstream.Canary!.TotalRequests);
        Assert.Equal(0, _upstream.Requests("/outside/ok.tif"));
        var (healthy, healthyBody, _, _) = await GetAsync($"{TilePath()}?url={Uri.EscapeDataString(_upstream.Url("ok.tif") + "?after=" + fault)}");
        Assert.True(healthy == HttpStatusCode.OK, healthyBody);
    }

    [Fact]
    public async Task Metrics_CountUpstreamRequestsAndBytesPerHost()
    {
        var (status, body, _, _) = await GetAsync($"{TilePath()}?url={Uri.EscapeDataString(_upstream.Url("ok.tif") + "?metrics")}");
        Assert.True(status == HttpStatusCode.OK, body);

        var host = new Uri(_upstream.Prefix).Host;
        var metrics = await Operations.OperationsEndpointTests.ScrapeUntilAsync(_client, m => m.Contains("ogctiler_upstream_bytes_total", StringComparison.Ordinal));

        Assert.Matches($@"(?m)^ogctiler_upstream_requests_total\{{[^}}]*http_response_status_code=""206""[^}}]*server_address=""{host}""[^}}]*\}} [1-9]", metrics);
        Assert.Matches($@"(?m)^ogctiler_upstream_bytes_total\{{[^}}]*server_address=""{host}""[^}}]*\}} [1-9]", metrics);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedABoundedNumberOfTimes()
    {
        await GetAsync($"/cog/info?url={Uri.EscapeDataString(_upstream.Url("status-503.tif"))}");
        await GetAsync($"/cog/info?url={Uri.EscapeDataString(_upstream.Url("flaky-503.tif"))}");

        Assert.Equal(3, _upstream.Requests("/cogs/status-503.tif")); // first try + Sources:Retries = 2
        Assert.Equal(2, _upstream.Requests("/cogs/flaky-503.tif"));
    }

    [Fact]
    public async Task FailedOpen_IsNotCached_TheSameUrlWorksOnceTheUpstreamHeals()
    {
        var url = _upstream.Url("healing.tif");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/cog/info?url={Uri.EscapeDataString(url)}")).Status);

        _upstream.Add("healing.tif", File.ReadAllBytes(RealCogs.Path("visual.tif")));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/cog/info?url={Uri.EscapeDataString(url)}")).Status);
    }

    [Theory]
    [InlineData("canary")]
    [InlineData("redirect-other-port.tif")]
    public async Task StacAssetHref_OutsideThePrefix_IsRefused_AndNeverRequested(string href)
    {
        var target = href == "canary" ? _upstream.Canary!.Url("ok.tif") : _upstream.Url(href);
        var item = File.ReadAllText(RealCogs.Path("item.json")).Replace("./visual.tif", target);
        var itemUrl = _upstream.Add($"item-{href}.json", System.Text.Encoding.UTF8.GetBytes(item));

        var (status, body, _, _) = await GetAsync($"{TilePath()}?url={Uri.EscapeDataString(itemUrl)}&assets=visual".Replace("/cog/", "/stac/"));

        Assert.True(status == HttpStatusCode.Forbidden, body);
        Assert.Contains("does not start with an allowed prefix", Detail(body));
        Assert.Equal(0, _upstream.Canary!.TotalRequests);
    }

    [Fact]
    public async Task HostThatResolvesToLoopback_IsRefused_UnlessItsNetworkIsAllowed()
    {
        var prefix = _upstream.Prefix.Replace("127.0.0.1", "localhost");
        var url = $"/cog/info?url={Uri.EscapeDataString(prefix + "ok.tif")}";
        await using (var strict = new ServerFactory(Config(prefix), opener: null))
        {
            var response = await strict.CreateClient().GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, body);
            Assert.Contains("which is not a public address (see Sources:AllowedNetworks)", Detail(body));
        }
        await using var allowing = new ServerFactory(Config(prefix, """, "AllowedNetworks": ["127.0.0.0/8", "::1/128"]"""), opener: null);
        var allowed = await allowing.CreateClient().GetAsync(url);
        Assert.True(allowed.StatusCode == HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
    }
}
