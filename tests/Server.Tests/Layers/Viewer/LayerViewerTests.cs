using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OgcTiler.Server.Tests.Ogc;
using OgcTiler.TestSupport;
using PuppeteerSharp;
using PuppeteerSharp.Input;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Layers.Viewer;

/// <summary>
/// /layers/s2/map.html of the shipped config in headless Chromium against the real server on loopback, with every
/// other request blocked: the page, Leaflet and the tiles come from the server, the configured (unreachable) basemap
/// is left off, the controls change the tile URLs, and a click shows the server's point values.
/// </summary>
public sealed class LayerViewerTests
{
    private const int Width = 1200, Height = 800, Panel = 320;

    private const string LoadedTiles = "[...document.querySelectorAll('.data-tiles img.leaflet-tile-loaded')]";

    private sealed record TileAnswer(string Url, HttpStatusCode Status, string? ContentType);

    [ChromiumFact]
    public async Task MapHtml_Offline_ShowsTheLayersTiles_WithTheBasemapOff()
    {
        await using var session = await ViewerSession.OpenAsync();

        await session.Page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");
        await session.Page.WaitForFunctionAsync("() => document.querySelector('.leaflet-control-attribution').textContent.includes('basemap unreachable')");

        Assert.NotEmpty(session.Blocked); // the basemap probe, and nothing but it
        Assert.All(session.Blocked, url => Assert.StartsWith("https://tile.openstreetmap.org/", url, StringComparison.Ordinal));
        Assert.Contains("/viewer/leaflet/leaflet.js", session.Loaded.Keys);
        Assert.Contains("/viewer/viewer.js", session.Loaded.Keys);
        Assert.All(session.Tiles, t => Assert.Equal((HttpStatusCode.OK, "image/png"), (t.Status, t.ContentType)));
        var share = DataShare(await session.Page.ScreenshotDataAsync());
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel differs from the empty map's grey");
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task MapHtml_Controls_SetTheRenderParametersOfTheTileUrls()
    {
        await using var session = await ViewerSession.OpenAsync();
        var page = session.Page;
        await page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#colormap option').length > 1 && document.querySelectorAll('#band-r option').length == 5");

        await page.SelectAsync("#style", "red");
        await page.SelectAsync("#band-r", "4");
        await page.SelectAsync("#colormap", "viridis");
        await page.TypeAsync("#rescale", "0,5000");
        await page.TypeAsync("#color-formula", "gamma r 1.5");
        await page.Keyboard.PressAsync(Key.Enter);

        const string Wanted = "['style=red', 'bidx=4', 'colormap_name=viridis', 'rescale=0%2C5000', 'color_formula=gamma+r+1.5']";
        await page.WaitForFunctionAsync($"() => {LoadedTiles}.filter(i => {Wanted}.every(p => i.src.includes(p))).length >= 2");
        var changed = session.Tiles.Where(t => t.Url.Contains("colormap_name=viridis", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, t => Assert.Equal(HttpStatusCode.OK, t.Status));
        Assert.True(await page.EvaluateExpressionAsync<bool>("!document.getElementById('legend').hidden"));
        Assert.Equal("", await page.EvaluateExpressionAsync<string>("document.getElementById('status').textContent"));

        await page.TypeAsync("#expression", "b4/");
        await page.Keyboard.PressAsync(Key.Enter);
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('expression')");
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task MapHtml_Click_ShowsTheServersValuesAtThatPoint()
    {
        await using var session = await ViewerSession.OpenAsync();
        var page = session.Page;
        await page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");
        await page.SelectAsync("#style", "falsecolour");

        await page.Mouse.ClickAsync((Width - Panel) / 2, Height / 2); // the centre of the fitted layer
        await page.WaitForSelectorAsync("#point .coordinates");

        var coordinates = await page.EvaluateExpressionAsync<string>("document.querySelector('#point .coordinates').textContent");
        var shown = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#point td')].map(td => td.textContent)");
        using var client = new HttpClient();
        using var expected = JsonDocument.Parse(await client.GetStringAsync($"{session.BaseUrl}/layers/s2/point/{coordinates}?style=falsecolour"));
        var names = expected.RootElement.GetProperty("band_names").EnumerateArray().Select(n => n.GetString()!).ToArray();
        var values = expected.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(["b4", "b3", "b2"], names);
        Assert.Equal(names.Zip(values, (n, v) => new[] { n, v.ToString(CultureInfo.InvariantCulture) }).SelectMany(p => p), shown);
        Assert.All(values, v => Assert.True(v > 0, $"{coordinates}: {v} is no reflectance of the demo scene"));
        Assert.Empty(session.ScriptErrors);
    }

    /// <summary>/cog's map.html uses the same served Leaflet: offline, its tiles load.</summary>
    [ChromiumFact]
    public async Task CogMapHtml_Offline_ShowsTheCogsTiles()
    {
        var cog = Uri.EscapeDataString(Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif"));
        await using var session = await ViewerSession.OpenAsync($"/cog/WebMercatorQuad/map.html?url={cog}&bidx=3,2,1&rescale=0,3000");

        await session.Page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");

        Assert.All(session.Blocked, url => Assert.StartsWith("https://tile.openstreetmap.org/", url, StringComparison.Ordinal));
        Assert.Contains("/viewer/leaflet/leaflet.js", session.Loaded.Keys);
        Assert.Contains(session.Tiles, t => t.Url.Contains("/cog/tiles/WebMercatorQuad/", StringComparison.Ordinal));
        // no format in the URL: TiTiler's choice, JPEG for a tile without masked pixels, PNG otherwise
        Assert.All(session.Tiles, t => Assert.Contains((t.Status, t.ContentType), new (HttpStatusCode, string?)[] { (HttpStatusCode.OK, "image/png"), (HttpStatusCode.OK, "image/jpeg") }));
        Assert.Empty(session.ScriptErrors);
    }

    /// <summary>The share of the screenshot's map area left of the panel whose colour is not Leaflet's empty grey (#ddd).</summary>
    private static double DataShare(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
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

    /// <summary>The demo server on loopback and a Chromium page on its s2 viewer, recording what the page asked for.</summary>
    private sealed class ViewerSession : IAsyncDisposable
    {
        private readonly DemoOgcServer _server;
        private readonly IBrowser _browser;

        private ViewerSession(DemoOgcServer server, string baseUrl, IBrowser browser, IPage page)
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

        public static async Task<ViewerSession> OpenAsync(string path = "/layers/s2/map.html")
        {
            var server = new DemoOgcServer();
            var baseUrl = server.StartOnLoopback();
            var browser = await Chromium.LaunchAsync();
            var page = await browser.NewPageAsync();
            var session = new ViewerSession(server, baseUrl, browser, page);
            page.DefaultTimeout = 60_000;
            await page.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
            await page.SetRequestInterceptionAsync(true);
            page.Request += session.OnRequest;
            page.Response += session.OnResponse;
            page.PageError += (_, e) => session.ScriptErrors.Enqueue(e.Message);
            var answer = await page.GoToAsync(baseUrl + path, WaitUntilNavigation.Load);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            return session;
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
}
