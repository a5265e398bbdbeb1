using System.Globalization;
using System.Net;
using System.Text.Json;
using OgcTiler.Server.Tests.Api.Viewer;
using OgcTiler.TestSupport;
using PuppeteerSharp.Input;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog and /stac {tms}/map.html in headless Chromium against the real server on loopback, every other request blocked:
/// tiles of the demo COG and of a STAC item load, each control (bands or assets, expression, rescale and its statistics
/// button, colormap, color formula) sets its parameter on the tile URLs, the info is shown and a click shows the
/// server's /point values. Controls as TiTiler's cog_viewer.html and stac_viewer.html (titiler.extensions templates).
/// </summary>
public sealed class MapPageTests
{
    private static readonly string Cog = Path.Combine(RepoPaths.Root, "data", "demo", "s2-4band.tif");

    private static readonly string Item = RepoPaths.Data("stac", "items", "item-a", "item-a.json");

    /// <summary>The repository as the one allowed folder (a single value is a list of one): the demo data and tests/data's items.</summary>
    private static readonly Dictionary<string, string> TestDataAllowed = new() { ["Sources:AllowedRoots"] = RepoPaths.Root, ["Health:Details"] = "true" };

    private static string CogPage(string query = "") => $"/cog/WebMercatorQuad/map.html?url={Uri.EscapeDataString(Cog)}{query}";

    private static string StacPage(string query = "") => $"/stac/WebMercatorQuad/map.html?url={Uri.EscapeDataString(Item)}{query}";

    [ChromiumFact]
    public async Task CogMapHtml_Offline_ShowsTheFirstThreeBands_RescaledToTheirPercentiles_AndTheInfo()
    {
        await using var session = await ViewerSession.OpenAsync(CogPage());
        var rescale = await PercentileRescaleAsync(session, $"/cog/statistics?url={Uri.EscapeDataString(Cog)}&bidx=1,2,3&max_size=256");

        await session.WaitForTilesWithAsync(["bidx=1%2C2%2C3", "tilesize=256", .. rescale]);

        Assert.All(session.Blocked, url => Assert.StartsWith("https://tile.openstreetmap.org/", url, StringComparison.Ordinal));
        Assert.Contains("/viewer/leaflet/leaflet.js", session.Loaded.Keys);
        Assert.Contains("/viewer/tiler-viewer.js", session.Loaded.Keys);
        Assert.Contains(session.Tiles, t => t.Url.Contains("/cog/tiles/WebMercatorQuad/", StringComparison.Ordinal));
        // no format in the URL: TiTiler's choice, JPEG for a tile without masked pixels, PNG otherwise
        Assert.All(session.Tiles, t => Assert.Contains((t.Status, t.ContentType), new (HttpStatusCode, string?)[] { (HttpStatusCode.OK, "image/png"), (HttpStatusCode.OK, "image/jpeg") }));
        var info = await session.Page.EvaluateExpressionAsync<string>("document.getElementById('info').textContent");
        Assert.Contains("http://www.opengis.net/def/crs/EPSG/0/32636", info);
        Assert.Contains("683 × 683 px", info);
        Assert.Contains("uint16", info);
        Assert.Equal(["", "1", "2", "3", "4"], await session.Page.EvaluateExpressionAsync<string[]>("[...document.getElementById('band-r').options].map(o => o.value)"));
        var share = await session.DataShareAsync();
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel differs from the empty map's grey");
        Assert.Empty(session.ScriptErrors);
    }

    /// <summary>
    /// dateline.tif (UTM 1N over 180°): its tilejson bounds are west &gt; east (179.41..-179.16), and the map is fitted on
    /// the 180° side, not across the world the other way (TiTiler's cog_viewer.html takes bounds[0] - 360): the tiles
    /// shown hold the first and the last column of their matrix, each side of the antimeridian with its data, and no
    /// tile away from the data is asked for.
    /// </summary>
    [ChromiumFact]
    public async Task CogMapHtml_AcrossTheAntimeridian_FitsThe180Side_AndShowsBothSides()
    {
        var dateline = RepoPaths.Data("api", "cogs", "dateline.tif");
        await using var session = await ViewerSession.OpenAsync($"/cog/WebMercatorQuad/map.html?url={Uri.EscapeDataString(dateline)}&rescale=0,255", TestDataAllowed);

        await session.WaitForTilesWithAsync("rescale=0%2C255");
        var share = await session.DataShareAsync(); // every tile asked for has loaded
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel shows data");
        // Leaflet asks only for the tiles meeting either side: none away from the data (a 404 "outside bounds").
        Assert.All(session.Tiles, t => Assert.Equal(HttpStatusCode.OK, t.Status));
        var shown = await session.Page.EvaluateExpressionAsync<string[]>($"{ViewerSession.LoadedTiles}.map(i => new URL(i.src).pathname)");
        var tiles = shown.Select(p => p.Split('/')[^3..].Select(v => int.Parse(v.Split('.')[0], CultureInfo.InvariantCulture)).ToArray()).ToList();
        var zoom = tiles[0][0];
        Assert.True(zoom >= 5, $"fitted at zoom {zoom}");
        Assert.Contains(tiles, t => t[1] == 0);
        Assert.Contains(tiles, t => t[1] == (1 << zoom) - 1);
        Assert.All(tiles, t => Assert.True(t[1] <= 1 || t[1] >= (1 << zoom) - 2, $"tile {string.Join('/', t)} is away from 180°"));
        Assert.Empty(session.ScriptErrors);
    }

    /// <summary>
    /// TiTiler's /cog/{tileMatrixSetId}/map.html for other sets (titiler core templates/map.html: Leaflet with
    /// proj4leaflet's L.Proj.CRS of the set): visual.tif (UTM 31N, 45°N 3°E) in WorldCRS84Quad and in
    /// EuropeanETRS89_LAEAQuad is fitted and drawn from that set's tiles, only tiles meeting the data are asked for
    /// (none is the 404 of a tile outside it), and a click at the centre reads the point there.
    /// </summary>
    [ChromiumFact]
    public Task CogMapHtml_InWorldCRS84Quad_DrawsTheDataInThatSetsCrs() => DrawsInTheSetsCrsAsync("WorldCRS84Quad");

    [ChromiumFact]
    public Task CogMapHtml_InEuropeanETRS89_LAEAQuad_DrawsTheDataInThatSetsCrs() => DrawsInTheSetsCrsAsync("EuropeanETRS89_LAEAQuad");

    private static async Task DrawsInTheSetsCrsAsync(string tms)
    {
        var visual = Uri.EscapeDataString(RepoPaths.Data("api", "cogs", "visual.tif"));
        await using var session = await ViewerSession.OpenAsync($"/cog/{tms}/map.html?url={visual}", TestDataAllowed);

        await session.WaitForTilesWithAsync("bidx=1%2C2%2C3", "tilesize=256");
        var share = await session.DataShareAsync();
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel shows data");
        Assert.Contains("/viewer/proj4/proj4.js", session.Loaded.Keys);
        Assert.All(session.Tiles, t => Assert.Contains($"/cog/tiles/{tms}/", t.Url, StringComparison.Ordinal));
        Assert.All(session.Tiles, t => Assert.Equal(HttpStatusCode.OK, t.Status));
        Assert.Empty(session.Blocked); // no Web Mercator basemap in another CRS

        var (names, values, shown) = await ClickTheCentreAsync(session, $"/cog/point/{{0}}?url={visual}&bidx=1,2,3");
        Assert.Equal(["b1", "b2", "b3"], names);
        Assert.Equal(Cells(names, values), shown);
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task CogMapHtml_EachControl_SetsItsParameterOnTheTileUrls()
    {
        await using var session = await ViewerSession.OpenAsync(CogPage("&bidx=3,2,1&rescale=0,3000&tilesize=512"));
        var page = session.Page;
        await session.WaitForTilesWithAsync("bidx=3%2C2%2C1", "rescale=0%2C3000", "tilesize=512");
        Assert.Equal(["3", "2", "1"], await page.EvaluateExpressionAsync<string[]>("['band-r', 'band-g', 'band-b'].map(id => document.getElementById(id).value)"));

        await page.SelectAsync("#band-g", "");
        await page.SelectAsync("#band-b", "");
        await page.SelectAsync("#band-r", "4");
        await ExpectShownAsync(session, "bidx=4", "rescale=0%2C3000");

        await page.SelectAsync("#colormap", "viridis");
        await ExpectShownAsync(session, "bidx=4", "colormap_name=viridis");
        Assert.True(await page.EvaluateExpressionAsync<bool>("!document.getElementById('legend').hidden"));

        await ReplaceTextAsync(session, "#rescale", "500,4500");
        await ExpectShownAsync(session, "bidx=4", "colormap_name=viridis", "rescale=500%2C4500");

        await ReplaceTextAsync(session, "#color-formula", "gamma r 1.5");
        await ExpectShownAsync(session, "rescale=500%2C4500", "color_formula=gamma+r+1.5");

        var percentiles = await PercentileRescaleAsync(session, $"/cog/statistics?url={Uri.EscapeDataString(Cog)}&bidx=4&max_size=256");
        await page.ClickAsync("#rescale-statistics");
        await ExpectShownAsync(session, ["bidx=4", .. percentiles]);

        await ReplaceTextAsync(session, "#expression", "(b4-b3)/(b4+b3)");
        await ExpectShownAsync(session, "expression=%28b4-b3%29%2F%28b4%2Bb3%29", "colormap_name=viridis", "tilesize=512");
        Assert.All(await session.ShownTileParametersAsync(), shown => Assert.DoesNotContain(shown, p => p.StartsWith("bidx=", StringComparison.Ordinal)));

        Assert.Equal("", await page.EvaluateExpressionAsync<string>("document.getElementById('status').textContent"));
        await ReplaceTextAsync(session, "#expression", "b4/");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('expression')");
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task CogMapHtml_Click_ShowsTheValuesOfPoint()
    {
        await using var session = await ViewerSession.OpenAsync(CogPage("&bidx=4,3,2&rescale=0,5000"));
        await session.WaitForTilesWithAsync("bidx=4%2C3%2C2");

        var (names, values, shown) = await ClickTheCentreAsync(session, $"/cog/point/{{0}}?url={Uri.EscapeDataString(Cog)}&bidx=4,3,2");

        Assert.Equal(["b4", "b3", "b2"], names);
        Assert.Equal(Cells(names, values), shown);
        Assert.All(values, v => Assert.True(v > 0, $"{v} is no reflectance of the demo scene"));
        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task StacMapHtml_Offline_ShowsTheFirstAsset_AndEachControl_SetsItsParameterOnTheTileUrls()
    {
        await using var session = await ViewerSession.OpenAsync(StacPage(), TestDataAllowed);
        var page = session.Page;
        var item = Uri.EscapeDataString(Item);
        var rescale = await PercentileRescaleAsync(session, $"/stac/statistics?url={item}&assets=B02&max_size=256");
        await session.WaitForTilesWithAsync(["assets=B02", "tilesize=256", .. rescale]);

        Assert.All(session.Blocked, url => Assert.StartsWith("https://tile.openstreetmap.org/", url, StringComparison.Ordinal));
        Assert.Contains(session.Tiles, t => t.Url.Contains("/stac/tiles/WebMercatorQuad/", StringComparison.Ordinal));
        var share = await session.DataShareAsync();
        Assert.True(share > 0.2, $"{share:P0} of the map beside the panel differs from the empty map's grey");
        Assert.Equal(["B02", "B03", "B04", "B08"], await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#info dt')].map(dt => dt.textContent)"));
        Assert.Contains("64 × 64 px, 1 × uint16", await page.EvaluateExpressionAsync<string>("document.getElementById('info').textContent"));

        await page.SelectAsync("#band-r", "B04|1");
        await page.SelectAsync("#band-g", "B03|1");
        await page.SelectAsync("#band-b", "B02|1");
        await ExpectShownAsync(session, "assets=B04", "assets=B03", "assets=B02");
        Assert.All(await session.ShownTileParametersAsync(), shown => Assert.Equal(["assets=B04", "assets=B03", "assets=B02"], shown.Where(p => p.StartsWith("assets=", StringComparison.Ordinal))));

        var percentiles = await PercentileRescaleAsync(session, $"/stac/statistics?url={item}&assets=B04&assets=B03&assets=B02&max_size=256");
        Assert.Equal(3, percentiles.Length);
        await page.ClickAsync("#rescale-statistics");
        await ExpectShownAsync(session, ["assets=B04", "assets=B03", "assets=B02", .. percentiles]);

        await page.SelectAsync("#band-g", "");
        await page.SelectAsync("#band-b", "");
        await page.SelectAsync("#band-r", "B08|1");
        await ReplaceTextAsync(session, "#rescale", "4000,7000");
        await page.SelectAsync("#colormap", "magma");
        await ReplaceTextAsync(session, "#color-formula", "gamma r 2");
        await ExpectShownAsync(session, "assets=B08", "rescale=4000%2C7000", "colormap_name=magma", "color_formula=gamma+r+2");
        Assert.All(await session.ShownTileParametersAsync(), shown => Assert.Single(shown, p => p.StartsWith("assets=", StringComparison.Ordinal)));

        await ReplaceTextAsync(session, "#expression", "b1/2");
        await ExpectShownAsync(session, "assets=B08", "expression=b1%2F2");

        Assert.Empty(session.ScriptErrors);
    }

    [ChromiumFact]
    public async Task StacMapHtml_ShowsThePagesAssets_AndAClick_ShowsTheValuesOfPoint()
    {
        await using var session = await ViewerSession.OpenAsync(StacPage("&assets=B08&assets=B04%7Cbidx%3D1&assets=B03&rescale=1000,7000"), TestDataAllowed);
        await session.WaitForTilesWithAsync("assets=B08", "assets=B04", "assets=B03", "rescale=1000%2C7000");
        Assert.Equal(["B08|1", "B04|1", "B03|1"], await session.Page.EvaluateExpressionAsync<string[]>("['band-r', 'band-g', 'band-b'].map(id => document.getElementById(id).value)"));

        var (names, values, shown) = await ClickTheCentreAsync(session, $"/stac/point/{{0}}?url={Uri.EscapeDataString(Item)}&assets=B08&assets=B04&assets=B03");

        Assert.Equal(3, names.Length);
        Assert.Equal(Cells(names, values), shown);
        Assert.All(values, v => Assert.True(v > 0, $"{v} is no reflectance of the fixture item"));
        Assert.Empty(session.ScriptErrors);
    }

    /// <summary>
    /// Waits until the shown tiles have the parameters, then checks that every shown tile has them. (Shown tiles are
    /// loaded images; the selects pass through states the server refuses, such as two bands, whose tiles are not shown.)
    /// </summary>
    private static async Task ExpectShownAsync(ViewerSession session, params string[] parameters)
    {
        await session.WaitForTilesWithAsync(parameters);
        Assert.All(await session.ShownTileParametersAsync(), shown => Assert.Superset(parameters.ToHashSet(), shown.ToHashSet()));
    }

    private static async Task ReplaceTextAsync(ViewerSession session, string selector, string text)
    {
        await session.Page.EvaluateFunctionAsync("s => { document.querySelector(s).value = ''; }", selector);
        await session.Page.TypeAsync(selector, text);
        await session.Page.Keyboard.PressAsync(Key.Enter);
    }

    /// <summary>The rescale parameters the statistics button sets: each band's 2nd and 98th percentiles, rounded outwards.</summary>
    private static async Task<string[]> PercentileRescaleAsync(ViewerSession session, string statisticsPath)
    {
        using var client = new HttpClient();
        using var statistics = JsonDocument.Parse(await client.GetStringAsync(session.BaseUrl + statisticsPath));
        return [.. statistics.RootElement.EnumerateObject().Select(band =>
            string.Create(CultureInfo.InvariantCulture,
                $"rescale={Math.Floor(band.Value.GetProperty("percentile_2").GetDouble())}%2C{Math.Ceiling(band.Value.GetProperty("percentile_98").GetDouble())}"))];
    }

    /// <summary>Clicks the centre of the fitted map and returns the server's point answer there and the cells the page shows.</summary>
    private static async Task<(string[] Names, double[] Values, string[] Shown)> ClickTheCentreAsync(ViewerSession session, string pointPathFormat)
    {
        var page = session.Page;
        await page.Mouse.ClickAsync((ViewerSession.Width - ViewerSession.Panel) / 2, ViewerSession.Height / 2);
        await page.WaitForSelectorAsync("#point .coordinates");
        var coordinates = await page.EvaluateExpressionAsync<string>("document.querySelector('#point .coordinates').textContent");
        var shown = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#point td')].map(td => td.textContent)");
        using var client = new HttpClient();
        using var expected = JsonDocument.Parse(await client.GetStringAsync(session.BaseUrl + string.Format(CultureInfo.InvariantCulture, pointPathFormat, coordinates)));
        var root = expected.RootElement;
        var names = root.GetProperty("band_names").EnumerateArray().Select(n => n.GetString()!).ToArray();
        var descriptions = root.GetProperty("band_descriptions").EnumerateArray().Select(n => n.GetString()!).ToArray();
        var labels = names.Zip(descriptions, (n, d) => d == n ? n : $"{n} ({d})").ToArray();
        return (labels, root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), shown);
    }

    private static string[] Cells(string[] labels, double[] values) =>
        [.. labels.Zip(values, (n, v) => new[] { n, v.ToString(CultureInfo.InvariantCulture) }).SelectMany(p => p)];
}
