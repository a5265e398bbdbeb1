using System.Collections.Concurrent;
using System.Net;
using PuppeteerSharp;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Viewer;

internal sealed record TileAnswer(string Url, HttpStatusCode Status, string? ContentType);

/// <summary>
/// The demo server on loopback and a headless Chromium page on one of its map.html viewers, with every request that is
/// not to loopback blocked and recorded, and what the page loaded recorded.
/// </summary>
internal sealed class ViewerSession : IAsyncDisposable
{
    public const int Width = 1200, Height = 800, Panel = 320;

    /// <summary>A JavaScript array of the data tiles Leaflet has shown.</summary>
    public const string LoadedTiles = "[...document.querySelectorAll('.data-tiles img.leaflet-tile-loaded')]";

    private readonly ServerFactory _server;
    private readonly IBrowser _browser;

    private ViewerSession(ServerFactory server, string baseUrl, IBrowser browser, IPage page)
    {
        _server = server;
        _browser = browser;
        BaseUrl = baseUrl;
        Page = page;
    }

    public string BaseUrl { get; }

    public IPage Page { get; }

    public ConcurrentQueue<string> Blocked { get; } = new();

    /// <summary>Paths of the loopback answers, with their status.</summary>
    public ConcurrentDictionary<string, HttpStatusCode> Loaded { get; } = new();

    public ConcurrentQueue<TileAnswer> Tiles { get; } = new();

    public ConcurrentQueue<string> ScriptErrors { get; } = new();

    /// <param name="settings">configuration keys set over the shipped config (such as a further allowed root).</param>
    public static async Task<ViewerSession> OpenAsync(string path, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new ServerFactory { Settings = settings ?? new Dictionary<string, string>() };
        var baseUrl = server.StartOnLoopback();
        await WaitUntilReadyAsync(baseUrl);
        var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var session = new ViewerSession(server, baseUrl, browser, page);
        page.DefaultTimeout = 90_000; // a loaded 2-core machine renders the first tiles slowly
        await page.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
        await page.SetRequestInterceptionAsync(true);
        page.Request += session.OnRequest;
        page.Response += session.OnResponse;
        page.PageError += (_, e) => session.ScriptErrors.Enqueue(e.Message);
        var answer = await page.GoToAsync(baseUrl + path, WaitUntilNavigation.Load);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return session;
    }

    /// <summary>Plugins (the STAC sources) load in a hosted service after the start: /readyz says when they have.</summary>
    private static async Task WaitUntilReadyAsync(string baseUrl)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await client.GetAsync(baseUrl + "/readyz") is { StatusCode: not HttpStatusCode.OK } answer)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server is not ready after 90 s: {await answer.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until at least two shown data tiles have every one of <paramref name="parameters"/> (as encoded in their URL).</summary>
    public async Task WaitForTilesWithAsync(params string[] parameters)
    {
        var wanted = string.Join(", ", parameters.Select(p => $"'{p}'"));
        try
        {
            await Page.WaitForFunctionAsync($$"""
                () => {{LoadedTiles}}.filter(i => {
                  const shown = new URLSearchParams(new URL(i.src).search).toString().split('&');
                  return [{{wanted}}].every(p => shown.includes(p));
                }).length >= 2
                """);
        }
        catch (WaitTaskTimeoutException e)
        {
            var status = await Page.EvaluateExpressionAsync<string>("document.getElementById('status').textContent");
            var shown = string.Join(" | ", (await ShownTileParametersAsync()).Select(p => string.Join('&', p)).Distinct());
            throw new TimeoutException($"no two tiles with {wanted} shown; status '{status}'; shown: {shown}", e);
        }
    }

    /// <summary>The query parameters (encoded, in order) of the data tiles shown now, one list per tile.</summary>
    public async Task<string[][]> ShownTileParametersAsync() =>
        await Page.EvaluateExpressionAsync<string[][]>($"{LoadedTiles}.map(i => new URLSearchParams(new URL(i.src).search).toString().split('&'))");

    /// <summary>
    /// The share of the screenshot's map area left of the panel whose colour is not Leaflet's empty grey (#ddd), taken
    /// once every data tile in view has loaded and faded in.
    /// </summary>
    public async Task<double> DataShareAsync()
    {
        await Page.WaitForFunctionAsync("""
            () => {
              const all = [...document.querySelectorAll('.data-tiles img')];
              return all.length >= 2 && all.every(i => i.classList.contains('leaflet-tile-loaded') && i.style.opacity === '1');
            }
            """);
        using var bitmap = SKBitmap.Decode(await Page.ScreenshotDataAsync());
        long data = 0, all = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width - Panel; x += 4)
            {
                var c = bitmap.GetPixel(x, y);
                all++;
                if (Math.Abs(c.Red - 0xdd) + Math.Abs(c.Green - 0xdd) + Math.Abs(c.Blue - 0xdd) > 12)
                    data++;
            }
        }
        return (double)data / all;
    }

    private async void OnRequest(object? sender, RequestEventArgs e)
    {
        try
        {
            if (Chromium.IsLocal(e.Request.Url))
                await e.Request.ContinueAsync();
            else
            {
                Blocked.Enqueue(e.Request.Url);
                await e.Request.AbortAsync();
            }
        }
        catch (PuppeteerException)
        {
            // the page went away while the request was held
        }
    }

    private void OnResponse(object? sender, ResponseCreatedEventArgs e)
    {
        var url = new Uri(e.Response.Url);
        Loaded[url.AbsolutePath] = e.Response.Status;
        if (url.AbsolutePath.Contains("/tiles/", StringComparison.Ordinal))
            Tiles.Enqueue(new TileAnswer(e.Response.Url, e.Response.Status, e.Response.Headers.GetValueOrDefault("content-type")));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }
}
