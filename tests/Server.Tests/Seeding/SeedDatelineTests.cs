using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Seeding;

/// <summary>
/// The real <c>seed</c> command on a layer across the antimeridian: dateline.tif (tests/data/api/cogs/make-dateline-cog.sh,
/// UTM 1N over 180°: 179.4065366 … -179.1563068 in longitude, 0 … 1.446535 in latitude), whose tiles sit in the first
/// and the last column of each WebMercatorQuad matrix (WmtsDatelineTests: the tiles of both columns hold data).
/// </summary>
public sealed class SeedDatelineTests : IDisposable
{
    private readonly ServerFactory _server;
    private readonly string _plugins;
    private readonly string _output;

    public SeedDatelineTests()
    {
        _server = new ServerFactory("""
            {
              "Sources": { "AllowedRoots": ["data"] },
              "Layers": [
                { "Id": "dateline", "Title": "Across 180°", "Source": { "Type": "cog", "Url": "data/dateline.tif" },
                  "Render": { "Rescale": [[0, 255]] }, "TileMatrixSets": ["WebMercatorQuad"] }
              ]
            }
            """, opener: null);
        File.Copy(RepoPaths.Data("api", "cogs", "dateline.tif"), _server.DataPath("dateline.tif"));
        var folder = Path.GetDirectoryName(_server.ConfigPath)!;
        _plugins = Directory.CreateDirectory(Path.Combine(folder, "plugins")).FullName;
        _output = Path.Combine(folder, "tiles");
    }

    public void Dispose() => _server.Dispose();

    private Task<ProcessResult> SeedAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "OgcTiler.Server.dll"), "seed", "--config", _server.ConfigPath,
            "--tms", "WebMercatorQuad", "--Plugins:Directory", _plugins, "--layer", "dateline", .. arguments,
        ], TimeSpan.FromMinutes(2));

    [Fact]
    public async Task DryRun_CountsTheTilesOnBothSides_AndTheOneTileOfZoom0Once()
    {
        var run = await SeedAsync("--zoom", "0-6", "--dry-run");

        Assert.True(run.Exit == 0, run.Error);
        // zoom 0: the one tile; zooms 1-6: column 0 and the last column of the row north of the equator
        Assert.Contains("zoom 0: 1 tiles (columns 0-0, rows 0-0)", run.Output);
        Assert.Contains("zoom 5: 1 tiles (columns 0-0, rows 15-15)", run.Output);
        Assert.Contains("zoom 5: 1 tiles (columns 31-31, rows 15-15)", run.Output);
        Assert.Contains("total: 13 tiles of dateline in WebMercatorQuad", run.Output);
    }

    [Fact]
    public async Task Seed_WritesTheTilesOfBothSides_EachHoldingData()
    {
        var run = await SeedAsync("--zoom", "5", "--output", _output);

        Assert.True(run.Exit == 0, run.Error + run.Output);
        Assert.Equal(["0", "31"], Directory.GetDirectories(Path.Combine(_output, "5")).Select(Path.GetFileName).Order());
        foreach (var column in new[] { 0, 31 })
        {
            using var picture = SkiaSharp.SKBitmap.Decode(Path.Combine(_output, "5", column.ToString(System.Globalization.CultureInfo.InvariantCulture), "15.png"));
            Assert.True(picture.Pixels.Any(p => p.Alpha > 0), $"tile 5/{column}/15 holds no data");
        }
    }
}
