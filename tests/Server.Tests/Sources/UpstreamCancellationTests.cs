using System.Net;
using OgcTiler.Server.Tests.Api;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Sources;

/// <summary>
/// A client that goes away while the server waits on a stalled upstream: the upstream sees its connection closed,
/// long before the configured upstream timeouts (60 s) could have closed it.
/// </summary>
public sealed class UpstreamCancellationTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private FaultServer _upstream = null!;
    private ServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FaultServer.StartAsync(File.ReadAllBytes(RealCogs.Path("visual.tif")));
        _server = new ServerFactory($$"""
            {
              "Sources": {
                "AllowedRoots": [], "AllowedUrlPrefixes": ["{{_upstream.Prefix}}"], "AllowedNetworks": ["127.0.0.1/32"],
                "FirstByteTimeoutSeconds": 60, "RequestTimeoutSeconds": 120, "Retries": 0
              },
              "Cache": { "Tiles": { "Enabled": false } },
              "Layers": []
            }
            """, opener: null, plugins: true);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("/cog/info?url={0}")]
    [InlineData("/cog/tiles/WebMercatorQuad/0/0/0.png?url={0}")]
    [InlineData("/stac/tiles/WebMercatorQuad/0/0/0.png?url={0}&assets=visual")]
    public async Task ClientAbort_ClosesTheStalledUpstreamRead(string route)
    {
        var target = route.StartsWith("/stac", StringComparison.Ordinal) ? StallingItem() : _upstream.Url("stall.tif");
        var path = new Uri(_upstream.Url("stall.tif")).AbsolutePath;
        using var client = _server.CreateClient();
        using var leaving = new CancellationTokenSource();

        var request = client.GetAsync(string.Format(route, Uri.EscapeDataString(target)), leaving.Token);
        await UntilAsync(() => _upstream.Requests(path) >= 1, "the upstream was never asked");
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await UntilAsync(() => _upstream.ClientAborts(path) >= 1, "the upstream read was not cancelled");
        Assert.Equal(1, _upstream.Requests(path)); // not retried after the client left
        var healthy = await client.GetAsync($"/cog/info?url={Uri.EscapeDataString(_upstream.Url("ok.tif"))}");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    /// <summary>A STAC item served by the upstream whose one asset is the stalling COG.</summary>
    private string StallingItem()
    {
        var item = File.ReadAllText(RealCogs.Path("item.json")).Replace("./visual.tif", _upstream.Url("stall.tif"));
        return _upstream.Add("stalling-item.json", System.Text.Encoding.UTF8.GetBytes(item));
    }

    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Bound, $"{failure} within {Bound.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
