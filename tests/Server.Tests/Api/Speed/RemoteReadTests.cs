using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgcTiler.TestSupport;
using Xunit.Abstractions;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>Ten Sentinel-2-like items on one grid, served with 20 ms before every answer, as from a cloud object store.</summary>
public sealed class LateItems : IAsyncLifetime
{
    public const int Items = 10;

    public BenchItemServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await BenchItemServer.StartAsync(Items);
        Server.Latency = TimeSpan.FromMilliseconds(20);
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>
/// Issue 13's cold remote reads: each case read by OgcTiler (a fresh server: cold header and block caches) and by GDAL's
/// <c>/vsicurl/</c> (a fresh process, configured as TiTiler's documentation recommends) from the same latency server.
/// Asserts that OgcTiler sends no more requests to the files than GDAL, and that the assets of an item and the items of
/// a mosaic are read concurrently (the server holds several of their requests at once). Wall times are printed for
/// bench/RESULTS.md; they are not asserted.
/// </summary>
public sealed class RemoteReadTests(LateItems items, ITestOutputHelper output) : IClassFixture<LateItems>
{
    private const int Zoom = 14;

    // the z14 WebMercatorQuad tile over (3.02, 45.13), inside the items' grid with its east neighbour
    private static readonly (int X, int Y) Tile = TileAt(3.02, 45.13, Zoom);

    private static readonly Dictionary<string, string> TitilerGdalEnvironment = new()
    {
        ["GDAL_DISABLE_READDIR_ON_OPEN"] = "EMPTY_DIR",
        ["GDAL_HTTP_MERGE_CONSECUTIVE_RANGES"] = "YES",
        ["GDAL_INGESTED_BYTES_AT_OPEN"] = "32768",
        ["VSI_CACHE"] = "TRUE",
    };

    private BenchItemServer Files => items.Server;

    [Fact]
    public async Task ColdTile_NoMoreRequestsThanGdal()
    {
        var url = $"{Files.Base}/item00_B04.tif";
        var gdal = await GdalAsync("tile", url);
        var ours = await OursAsync(_ => Task.FromResult(CogTile(url, Tile.X)));

        Report("cold tile, one COG", ours, gdal);
        Assert.True(ours.Requests <= gdal.Requests, $"OgcTiler {ours.Requests} requests, GDAL {gdal.Requests}");
    }

    [Fact]
    public async Task TileAfterTheHeaderIsCached_NoMoreRequestsThanGdal()
    {
        var url = $"{Files.Base}/item00_B04.tif";
        var gdal = await GdalAsync("second", url);
        var ours = await OursAsync(async client =>
        {
            await GetTileAsync(client, CogTile(url, Tile.X));
            return CogTile(url, Tile.X + 1);
        });

        Report("second tile of an opened COG", ours, gdal);
        Assert.True(ours.Requests <= gdal.Requests, $"OgcTiler {ours.Requests} requests, GDAL {gdal.Requests}");
    }

    [Fact]
    public async Task ThreeAssetTile_ReadsTheAssetsConcurrently_NoMoreRequestsThanGdal()
    {
        string[] assets = ["B04", "B03", "B02"];
        var gdal = await GdalAsync("assets", [.. assets.Select(a => $"{Files.Base}/item01_{a}.tif")]);
        var item = Uri.EscapeDataString($"{Files.Base}/item01.json");
        var ours = await OursAsync(_ => Task.FromResult(
            $"/stac/tiles/WebMercatorQuad/{Zoom}/{Tile.X}/{Tile.Y}.png?url={item}&assets=B04&assets=B03&assets=B02&rescale=0,2000"));

        Report("3-asset STAC item tile", ours, gdal);
        Assert.True(ours.Requests <= gdal.Requests, $"OgcTiler {ours.Requests} requests for the rasters, GDAL {gdal.Requests}");
        Assert.True(ours.MaxInFlight >= 2, $"the assets were read one after another (at most {ours.MaxInFlight} request at a time)");
    }

    [Fact]
    public async Task TenItemMosaicTile_ReadsTheItemsConcurrently_NoMoreRequestsThanGdal()
    {
        var gdal = await GdalAsync("tile", [.. Enumerable.Range(0, LateItems.Items).Select(i => $"{Files.Base}/item{i:00}_B04.tif")]);
        var ours = await OursAsync(async client =>
        {
            using var register = await client.PostAsync($"/searches/register?url={Uri.EscapeDataString(Files.Base + "/search")}",
                new StringContent("""{ "collections": ["bench"] }""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, register.StatusCode);
            var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            return $"/searches/{id}/tiles/WebMercatorQuad/{Zoom}/{Tile.X}/{Tile.Y}.png?assets=B04&pixel_selection=mean&rescale=0,2000";
        });

        Report($"{LateItems.Items}-item mosaic tile (mean)", ours, gdal);
        Assert.True(ours.Requests <= gdal.Requests, $"OgcTiler {ours.Requests} requests for the rasters, GDAL {gdal.Requests}");
        Assert.True(ours.MaxInFlight >= 2, $"the items were read one after another (at most {ours.MaxInFlight} request at a time)");
    }

    private sealed record Reads(double WallMs, int Requests, int MaxInFlight, int Stac);

    /// <summary>
    /// On a fresh server, after a warm-up (JIT) on a file no case reads, runs <paramref name="prepare"/> and measures the
    /// tile at the URL it gives.
    /// </summary>
    private async Task<Reads> OursAsync(Func<HttpClient, Task<string>> prepare)
    {
        await using var server = new ServerFactory($$"""
            {
              "Sources": { "AllowedUrlPrefixes": ["{{Files.Base}}/"], "AllowedNetworks": ["127.0.0.0/8"] },
              "Searches": { "Directory": "{{Path.Combine(Files.Folder, "searches-" + Guid.NewGuid().ToString("N"))}}" }
            }
            """, opener: null, plugins: true) { TileCache = false };
        using var client = server.CreateClient();
        await GetTileAsync(client, $"/cog/tiles/WebMercatorQuad/{Zoom}/{Tile.X}/{Tile.Y}.png?url={Uri.EscapeDataString($"{Files.Base}/item09_B02.tif")}");
        await GetTileAsync(client, $"/stac/tiles/WebMercatorQuad/{Zoom}/{Tile.X}/{Tile.Y}.png?url={Uri.EscapeDataString($"{Files.Base}/item09.json")}&assets=B02");
        var url = await prepare(client);
        Files.ResetCounts();
        var wall = Stopwatch.StartNew();
        await GetTileAsync(client, url);
        return Count(wall.Elapsed.TotalMilliseconds);
    }

    private async Task<Reads> GdalAsync(string @case, params string[] urls)
    {
        var box = TileBounds(Tile.X, Tile.Y, Zoom).Select(v => v.ToString("R", CultureInfo.InvariantCulture));
        Files.ResetCounts();
        var result = await ExternalProcess.RunAsync("/usr/bin/python3",
            [RepoPaths.Data("api", "gdal_remote_reads.py"), @case, .. box, .. urls], environment: TitilerGdalEnvironment);
        Assert.True(result.Exit == 0, result.Error);
        if (@case == "second")
            SkipToMarker();
        return Count(double.Parse(result.Output.Trim(), CultureInfo.InvariantCulture));
    }

    private void SkipToMarker()
    {
        while (Files.Requests.TryDequeue(out var request) && request.Path != "/mark")
        {
        }
    }

    /// <summary>The requests for the rasters (the COGs and any sidecar probed) apart from the STAC ones (items, search).</summary>
    private Reads Count(double wallMs)
    {
        var requests = Files.Requests.ToArray();
        var stac = requests.Count(r => r.Path.EndsWith(".json", StringComparison.Ordinal) || r.Path == "/search");
        return new Reads(wallMs, requests.Length - stac, Files.MaxInFlight, stac);
    }

    private static string CogTile(string url, int x) => $"/cog/tiles/WebMercatorQuad/{Zoom}/{x}/{Tile.Y}.png?url={Uri.EscapeDataString(url)}&rescale=0,2000";

    private void Report(string what, Reads ours, Reads gdal) => output.WriteLine(
        $"{what}, 20 ms per request: OgcTiler {ours.WallMs:F0} ms, {ours.Requests} requests for the rasters (+{ours.Stac} STAC), " +
        $"at most {ours.MaxInFlight} at once; GDAL /vsicurl/ {gdal.WallMs:F0} ms, {gdal.Requests} requests, at most {gdal.MaxInFlight} at once.");

    private static async Task GetTileAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    private static (int X, int Y) TileAt(double lon, double lat, int z)
    {
        var n = 1 << z;
        var latRad = lat * Math.PI / 180;
        return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(latRad) + 1 / Math.Cos(latRad)) / Math.PI) / 2 * n));
    }

    /// <summary>minx, miny, maxx, maxy of a WebMercatorQuad tile in EPSG:3857 metres.</summary>
    private static double[] TileBounds(int x, int y, int z)
    {
        const double half = 20037508.342789244;
        var size = 2 * half / (1 << z);
        return [-half + x * size, half - (y + 1) * size, -half + (x + 1) * size, half - y * size];
    }
}
