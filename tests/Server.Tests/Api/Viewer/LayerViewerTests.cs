using System.Globalization;
using System.Net;
using System.Text.Json;
using PuppeteerSharp.Input;

namespace OgcTiler.Server.Tests.Api.Viewer;

/// <summary>
/// /layers/s2/map.html of the shipped config in headless Chromium against the real server on loopback, with every
/// other request blocked: the page, Leaflet and the tiles come from the server, the configured (unreachable) basemap
/// is left off, the controls change the tile URLs, and a click shows the server's point values.
/// </summary>
public sealed class LayerViewerTests
{
    private const string LoadedTiles = ViewerSession.LoadedTiles;

    private const string Demo = "/layers/s2/map.html";

    [ChromiumFact]
    public async Task MapHtml_Offline_ShowsTheLayersTiles_WithTheBasemapOff()
    {
        await using var session = await ViewerSession.OpenAsync(Demo);

        await session.Page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");
        await session.Page.WaitForFunctionAsync("() => document.querySelector('.leaflet-control-attribution').textContent.includes('basemap unreachable')");

        Assert.NotEmpty(session.Blocked); // the basemap probe, and nothing but it
        Assert.All(session.Blocked, url => Assert.StartsWith("https://tile.openstreetmap.org/", url, StringComparison.Ordinal));
        Assert.Contains("/viewer/leaflet/leaflet.js", session.Loaded.Keys);
        Assert.Contains("/viewer/viewer.js", session.Loaded.Keys);
        Assert.All(session.Tiles, t => Assert.Equal((HttpStatusCode.OK, "image/png"), (t.Status, t.ContentType)));
        var share = await session.DataShareAsync();
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel differs from the empty map's grey");
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task MapHtml_Controls_SetTheRenderParametersOfTheTileUrls()
    {
        await using var session = await ViewerSession.OpenAsync(Demo);
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
        await using var session = await ViewerSession.OpenAsync(Demo);
        var page = session.Page;
        await page.WaitForFunctionAsync($"() => {LoadedTiles}.length >= 2");
        await page.SelectAsync("#style", "falsecolour");

        await page.Mouse.ClickAsync((ViewerSession.Width - ViewerSession.Panel) / 2, ViewerSession.Height / 2); // the centre of the fitted layer
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
}
