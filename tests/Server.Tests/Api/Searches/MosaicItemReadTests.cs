using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgcTiler.Server.Tests.Api.Speed;
using Xunit.Abstractions;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>The loopback STAC API and COG server of the mosaic read cases: 20 items, of which the first 3 share a grid.</summary>
public sealed class SpreadItems : IAsyncLifetime
{
    public const int Items = 20, Meeting = 3;

    public BenchItemServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await BenchItemServer.StartAsync(Items, Meeting);

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>
/// Issue 15: a mosaic tile over 20 items of which 3 meet the tile sends no range request for the other 17, on
/// <c>/searches/{id}/tiles</c> and on a <c>stac-search</c> layer. Each case on a fresh server (cold header and block
/// caches); the item server counts the range requests per file. Wall time and counts are printed for bench/RESULTS.md.
/// </summary>
public sealed class MosaicItemReadTests(SpreadItems items, ITestOutputHelper output) : IClassFixture<SpreadItems>
{
    // the z14 WebMercatorQuad tile over (3.033, 45.13): inside the first grid, far from the others
    private static readonly (int X, int Y) Tile = TileAt(3.033, 45.13, 14);

    private static readonly string[] MeetingItems = ["item00", "item01", "item02"];

    [Fact]
    public async Task SearchTile_ReadsOnlyTheThreeItemsMeetingTheTile()
    {
        await using var server = NewServer();
        using var client = server.CreateClient();
        var id = await RegisterAsync(client);

        var read = await ReadTileAsync(client, $"/searches/{id}/tiles/WebMercatorQuad/14/{Tile.X}/{Tile.Y}.png?assets=B04&pixel_selection=mean&rescale=0,2000");

        Assert.Equal(MeetingItems, read);
    }

    [Fact]
    public async Task StacSearchLayerTile_ReadsOnlyTheThreeItemsMeetingTheTile()
    {
        await using var server = NewServer();
        using var client = server.CreateClient();

        var read = await ReadTileAsync(client, $"/layers/spread/tiles/WebMercatorQuad/14/{Tile.X}/{Tile.Y}.png");

        Assert.Equal(MeetingItems, read);
    }

    [Fact]
    public async Task FirstSelection_StopsReadingOnceEveryPixelIsFilled()
    {
        await using var server = NewServer();
        using var client = server.CreateClient();
        var id = await RegisterAsync(client);

        var read = await ReadTileAsync(client, $"/searches/{id}/tiles/WebMercatorQuad/14/{Tile.X}/{Tile.Y}.png?assets=B04&pixel_selection=first&rescale=0,2000");

        Assert.Equal(["item00"], read); // item00 is valid over the whole tile
    }

    private ServerFactory NewServer() => new($$"""
        {
          "Sources": { "AllowedUrlPrefixes": ["{{items.Server.Base}}/"], "AllowedNetworks": ["127.0.0.0/8"] },
          "Searches": { "Directory": "{{Path.Combine(items.Server.Folder, "searches")}}" },
          "Layers": [
            { "Id": "spread", "Source": { "Type": "stac-search", "Url": "{{items.Server.Base}}/search", "Assets": "B04", "PixelSelection": "mean" },
              "Render": { "Rescale": [[0, 2000]] } }
          ]
        }
        """, opener: null, plugins: true) { TileCache = false };

    private async Task<string> RegisterAsync(HttpClient client)
    {
        using var response = await client.PostAsync($"/searches/register?url={Uri.EscapeDataString(items.Server.Base + "/search")}",
            new StringContent("""{ "collections": ["bench"] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Gets the tile cold, then warm; returns the items whose files (COG or sidecar probe) had range requests during the cold one.</summary>
    private async Task<string[]> ReadTileAsync(HttpClient client, string url)
    {
        items.Server.Requests.Clear();
        var wall = Stopwatch.StartNew();
        using (var cold = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, cold.StatusCode);
            Assert.Equal("image/png", cold.Content.Headers.ContentType?.MediaType);
        }
        var coldMs = wall.Elapsed.TotalMilliseconds;
        var ranged = items.Server.Requests.Where(r => r.Range.Length > 0).ToList();
        var files = ranged.Select(r => r.Path.TrimStart('/')).Distinct().Order().ToArray();
        var read = files.Select(f => f.Split('_')[0]).Distinct().ToArray();
        var searches = items.Server.Requests.Count(r => r.Path == "/search");
        wall.Restart();
        using (var warm = await client.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        output.WriteLine($"{url.Split('?')[0]}: cold {coldMs:F0} ms, {ranged.Count} range requests to {read.Length} items " +
            $"({string.Join(", ", files.Select(f => $"{f} {ranged.Count(r => r.Path == "/" + f)}"))}), {searches} STAC searches; " +
            $"warm (cached blocks, tile cache off) {wall.Elapsed.TotalMilliseconds:F1} ms.");
        return read;
    }

    private static (int X, int Y) TileAt(double lon, double lat, int z)
    {
        var n = 1 << z;
        var latRad = lat * Math.PI / 180;
        return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(latRad) + 1 / Math.Cos(latRad)) / Math.PI) / 2 * n));
    }
}
