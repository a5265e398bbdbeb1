using System.Net;
using OgcTiler.Server.Tests.Api;
using OgcTiler.Server.Tests.Caching;
using OgcTiler.Server.Tests.TestHost;
using OgcTiler.TestSupport;
using StackExchange.Redis;

namespace OgcTiler.Server.Tests.Seeding;

/// <summary>
/// The real <c>seed</c> command (the server binary in a process, the real raster engine on a GDAL-made COG) into a
/// real redis-server and a z/x/y folder, then a server on the same configuration and Redis.
/// </summary>
public sealed class SeedCommandTests : IDisposable
{
    private const int MinZoom = 12, MaxZoom = 15;

    private readonly RedisServer _redis = new();
    private readonly ServerFactory _server;
    private readonly string _plugins;
    private readonly string _output;

    public SeedCommandTests()
    {
        _server = new ServerFactory(ServerFactory.DemoConfig(extra: $$""", "Cache": { "Redis": { "Configuration": "{{_redis.Configuration}}" } }"""), opener: null);
        File.Copy(RealCogs.Path("visual.tif"), _server.DataPath("demo.tif"));
        var folder = Path.GetDirectoryName(_server.ConfigPath)!;
        _plugins = Directory.CreateDirectory(Path.Combine(folder, "plugins")).FullName;
        _output = Path.Combine(folder, "tiles");
    }

    public void Dispose()
    {
        _server.Dispose();
        _redis.Dispose();
    }

    /// <summary>The tiles that meet the COG's WGS84 bounds as GDAL gave them, by the Web Mercator tile formulas.</summary>
    private static long ExpectedTiles()
    {
        var b = RealCogs.Reference.GetProperty("wgs84Bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        long total = 0;
        for (var z = MinZoom; z <= MaxZoom; z++)
        {
            var n = 1 << z;
            int X(double lon) => (int)Math.Floor((lon + 180) / 360 * n);
            int Y(double lat) => (int)Math.Floor((1 - Math.Log(Math.Tan(lat * Math.PI / 180) + 1 / Math.Cos(lat * Math.PI / 180)) / Math.PI) / 2 * n);
            total += (long)(X(b[2]) - X(b[0]) + 1) * (Y(b[1]) - Y(b[3]) + 1);
        }
        return total;
    }

    private Task<ProcessResult> SeedAsync(params string[] arguments) =>
        RunAsync(["--layer", "demo", "--zoom", $"{MinZoom}-{MaxZoom}", .. arguments]);

    private Task<ProcessResult> RunAsync(string[] arguments) =>
        ExternalProcess.RunAsync("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "OgcTiler.Server.dll"), "seed", "--config", _server.ConfigPath,
            "--tms", "WebMercatorQuad", "--Plugins:Directory", _plugins, .. arguments,
        ], TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Seed_FillsRedisAndTheFolderWithEveryTileOnce_AndASecondRunWithSkipExistingRendersNothing()
    {
        var expected = ExpectedTiles();
        var dry = await SeedAsync("--dry-run");
        Assert.True(dry.Exit == 0, dry.Error);
        Assert.Contains($"total: {expected} tiles of demo in WebMercatorQuad", dry.Output);

        var first = await SeedAsync("--output", _output);
        Assert.True(first.Exit == 0, first.Error + first.Output);
        Assert.Contains($"{expected} rendered, 0 already cached, 0 skipped, 0 errors", first.Output);
        var options = ConfigurationOptions.Parse(_redis.Configuration);
        options.SyncTimeout = 10_000; // the test's own key scan, not the server's bound on Redis
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var keys = redis.GetServer(redis.GetEndPoints().Single()).Keys(pattern: "ogctiler:tile|*").ToList();
        Assert.Equal(expected, keys.Count);
        var files = Directory.GetFiles(_output, "*.png", SearchOption.AllDirectories);
        Assert.Equal(expected, files.Length);

        var second = await SeedAsync("--output", _output, "--skip-existing");
        Assert.True(second.Exit == 0, second.Error);
        Assert.Contains($"0 rendered, 0 already cached, {expected} skipped, 0 errors", second.Output);

        var tile = files[0];
        var parts = Path.GetRelativePath(_output, tile).Split(Path.DirectorySeparatorChar);
        var served = await _server.CreateClient().GetAsync($"/layers/demo/tiles/WebMercatorQuad/{parts[0]}/{parts[1]}/{parts[2]}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("OgcTiler; hit; detail=redis", served.Headers.GetValues("Cache-Status").Single());
        Assert.Equal(await File.ReadAllBytesAsync(tile), await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("demo", "9-3", "--zoom '9-3' is not a zoom level or range")]
    [InlineData("demo", "99", "WebMercatorQuad has no matrix 99")]
    [InlineData("nope", "3", "layer 'nope' does not exist")]
    public async Task BadArguments_AreExit2WithTheReason(string layer, string zoom, string message)
    {
        var run = await RunAsync(["--dry-run", "--layer", layer, "--zoom", zoom]);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error);
    }
}
