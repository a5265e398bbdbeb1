using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using OgcTiler.Server.Tests.Api;
using OgcTiler.Server.Tests.Caching;
using OgcTiler.Server.Tests.Seeding.Outputs;
using OgcTiler.TestSupport;
using StackExchange.Redis;

namespace OgcTiler.Server.Tests.Seeding;

/// <summary>
/// The real <c>seed</c> command (the server binary in a process, the real raster engine on a GDAL-made COG) into a
/// real redis-server, a z/x/y folder, an MBTiles file (read back by sqlite3 and GDAL) and a PMTiles archive (read back
/// by Protomaps' reader), then a server on the same configuration and Redis.
/// </summary>
public sealed class SeedCommandTests : IDisposable
{
    private const int MinZoom = 12, MaxZoom = 15;

    private readonly RedisServer _redis = new();
    private readonly ServerFactory _server;
    private readonly string _plugins;
    private readonly string _output;
    private readonly string _mbtiles;
    private readonly string _pmtiles;

    public SeedCommandTests()
    {
        _server = new ServerFactory(ServerFactory.DemoConfig(extra: $$""", "Cache": { "Redis": { "Configuration": "{{_redis.Configuration}}" } }"""), opener: null);
        File.Copy(RealCogs.Path("visual.tif"), _server.DataPath("demo.tif"));
        var folder = Path.GetDirectoryName(_server.ConfigPath)!;
        _plugins = Directory.CreateDirectory(Path.Combine(folder, "plugins")).FullName;
        _output = Path.Combine(folder, "tiles");
        _mbtiles = Path.Combine(folder, "demo.mbtiles");
        _pmtiles = Path.Combine(folder, "demo.pmtiles");
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
    public async Task Seed_FillsRedisAndEveryOutputWithEveryTileOnce_AndASecondRunWithSkipExistingRendersNothing()
    {
        var expected = ExpectedTiles();
        var dry = await SeedAsync("--dry-run");
        Assert.True(dry.Exit == 0, dry.Error);
        Assert.Contains($"total: {expected} tiles of demo in WebMercatorQuad", dry.Output);

        var first = await SeedAsync("--output", _output, "--output", _mbtiles, "--output", _pmtiles);
        Assert.True(first.Exit == 0, first.Error + first.Output);
        Assert.Contains($"{expected} rendered, 0 already cached, 0 skipped, 0 errors", first.Output);
        var options = ConfigurationOptions.Parse(_redis.Configuration);
        options.SyncTimeout = 10_000; // the test's own key scan, not the server's bound on Redis
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var keys = redis.GetServer(redis.GetEndPoints().Single()).Keys(pattern: "ogctiler:tile|*").ToList();
        Assert.Equal(expected, keys.Count);
        var files = Directory.GetFiles(_output, "*.png", SearchOption.AllDirectories);
        Assert.Equal(expected, files.Length);
        var tiles = files.ToDictionary(f => Path.ChangeExtension(Path.GetRelativePath(_output, f), null).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes);
        await AssertMbTilesHoldsAsync(tiles);
        await AssertPmTilesHoldsAsync(tiles);

        var second = await SeedAsync("--output", _output, "--output", _mbtiles, "--skip-existing");
        Assert.True(second.Exit == 0, second.Error);
        Assert.Contains($"0 rendered, 0 already cached, {expected} skipped, 0 errors", second.Output);

        // A PMTiles archive is written whole by each run: its tiles come from Redis, none is rendered.
        File.Delete(_pmtiles);
        var third = await SeedAsync("--output", _pmtiles, "--skip-existing");
        Assert.True(third.Exit == 0, third.Error);
        Assert.Contains($"0 rendered, {expected} already cached, 0 skipped, 0 errors", third.Output);
        await AssertPmTilesHoldsAsync(tiles);

        var (name, bytes) = tiles.First();
        var served = await _server.CreateClient().GetAsync($"/layers/demo/tiles/WebMercatorQuad/{name}.png");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("OgcTiler; hit; detail=redis", served.Headers.GetValues("Cache-Status").Single());
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    /// <summary>sqlite3 writes each blob of the tiles table to a file (rows counted from the bottom, as MBTiles does); GDAL opens the file as a raster at the deepest zoom.</summary>
    private async Task AssertMbTilesHoldsAsync(IReadOnlyDictionary<string, byte[]> tiles)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(_mbtiles)!, "blobs")).FullName;
        await ExternalProcess.RunCheckedAsync("sqlite3", _mbtiles,
            $"SELECT writefile('{blobs}/' || zoom_level || '-' || tile_column || '-' || tile_row, tile_data) FROM tiles");
        Assert.Equal(tiles.Count, Directory.GetFiles(blobs).Length);
        foreach (var (name, bytes) in tiles)
        {
            var zxy = name.Split('/').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(blobs, $"{zxy[0]}-{zxy[1]}-{(1 << zxy[0]) - 1 - zxy[2]}")));
        }

        var info = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", _mbtiles)).RootElement;
        Assert.Equal("MBTiles", info.GetProperty("driverShortName").GetString());
        Assert.Equal(4, info.GetProperty("bands").GetArrayLength());
        Assert.Equal(2 * Math.PI * 6378137 / 256 / (1 << MaxZoom), info.GetProperty("geoTransform")[1].GetDouble(), 6);
        var metadata = info.GetProperty("metadata").GetProperty("");
        Assert.Equal(("demo", "png", $"{MinZoom}", $"{MaxZoom}"), (metadata.GetProperty("name").GetString(), metadata.GetProperty("format").GetString(),
            metadata.GetProperty("minzoom").GetString(), metadata.GetProperty("maxzoom").GetString()));
    }

    /// <summary>Protomaps' reader finds each tile with the same bytes, none outside them, and the header's zooms, count and box.</summary>
    private async Task AssertPmTilesHoldsAsync(IReadOnlyDictionary<string, byte[]> tiles)
    {
        var outside = $"{MaxZoom}/0/0";
        var (header, metadata, read) = await PmTilesReader.ReadAsync(_pmtiles, tiles.Keys.Append(outside));
        foreach (var (name, bytes) in tiles)
            Assert.True(read[name] == Convert.ToHexStringLower(SHA256.HashData(bytes)), $"tile {name} read back from {_pmtiles} differs");
        Assert.Null(read[outside]);
        Assert.Equal((MinZoom, MaxZoom, tiles.Count), (header.GetProperty("minZoom").GetInt32(), header.GetProperty("maxZoom").GetInt32(), header.GetProperty("numAddressedTiles").GetInt32()));
        var bounds = RealCogs.Reference.GetProperty("wgs84Bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(bounds[0], header.GetProperty("minLon").GetDouble(), 6);
        Assert.Equal(bounds[3], header.GetProperty("maxLat").GetDouble(), 6);
        Assert.Equal("demo", metadata.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ArchiveOutputs_OutsideWebMercatorQuad_AreExit2WithTheReason()
    {
        var run = await ExternalProcess.RunAsync("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "OgcTiler.Server.dll"), "seed", "--config", _server.ConfigPath, "--tms", "WorldCRS84Quad",
            "--Plugins:Directory", _plugins, "--layer", "demo", "--zoom", "3", "--output", _mbtiles,
            "--Layers:0:TileMatrixSets:1", "WorldCRS84Quad", // after --output: a configuration override, not a second output
        ], TimeSpan.FromMinutes(2));

        Assert.Equal(2, run.Exit);
        Assert.Contains("MBTiles and PMTiles hold Web Mercator XYZ tiles only", run.Error);
        Assert.False(File.Exists(_mbtiles));
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
