using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Seeding.Outputs;
using Spectre.Console;

namespace OgcTiler.Server.Seeding;

/// <summary>
/// <c>seed --layer ID --tms SET --zoom 8-14 [--bbox W,S,E,N] [--style S] [--format png] [--concurrency N]
/// [--skip-existing] [--dry-run] [--output DIR|FILE.mbtiles|FILE.pmtiles]... [--config PATH]</c>: renders a layer's
/// tiles into the tile cache (Redis when configured) and optionally a z/x/y tree, an MBTiles and a PMTiles file, with a
/// progress bar on a terminal and a line per 10% otherwise.
/// Other <c>--Section:Key value</c> pairs override the configuration as for the server. Ctrl-C stops after the tiles
/// in flight. Exit codes: 0 done, 1 some tiles failed, 2 bad arguments or configuration, 130 stopped.
/// </summary>
internal static class SeedCommand
{
    private static readonly Option<string> Layer = new("--layer") { Description = "Id of the layer to seed", Required = true };
    private static readonly Option<string?> Style = new("--style") { Description = "Style name (default: the layer's default)" };
    private static readonly Option<string> Tms = new("--tms") { Description = "TileMatrixSet id", DefaultValueFactory = _ => "WebMercatorQuad" };
    private static readonly Option<string> Zoom = new("--zoom") { Description = "Zoom level or range, e.g. 8 or 8-14", Required = true };
    private static readonly Option<string?> Bbox = new("--bbox") { Description = "minLon,minLat,maxLon,maxLat (WGS84): seed only there" };
    private static readonly Option<string> Format = new("--format") { Description = "png, jpg or webp", DefaultValueFactory = _ => "png" };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Tiles rendered at once", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<bool> SkipExisting = new("--skip-existing") { Description = "Skip tiles already stored (in Redis, and in --output when given)" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the tile count per zoom and exit" };
    private static readonly Option<string[]> Output = new("--output") { Description = "Also write the tiles to DIR/z/x/y.ext, FILE.mbtiles or FILE.pmtiles (repeatable)" };
    private static readonly Option<string?> Config = new("--config") { Description = "Configuration file (default: config/ogctiler.json or OGCTILER_CONFIG)" };

    public static Task<int> RunAsync(string[] args)
    {
        var command = new RootCommand("Renders a layer's tiles into the tile cache (Redis when configured) and optionally a z/x/y tree, an MBTiles and a PMTiles file")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in new Option[] { Layer, Style, Tms, Zoom, Bbox, Format, Concurrency, SkipExisting, DryRun, Output, Config })
            command.Options.Add(option);
        command.SetAction(SeedAsync);
        return command.Parse(args).InvokeAsync();
    }

    private static async Task<int> SeedAsync(ParseResult parsed, CancellationToken cancellation)
    {
        try
        {
            var job = JobOf(parsed);
            using var app = BuildHost(parsed);
            app.Services.GetRequiredService<PluginDirectory>().LoadOnce();
            await app.Services.GetRequiredService<CacheGeneration>().StartedAsync(cancellation);
            var seeder = ActivatorUtilities.CreateInstance<Seeder>(app.Services);
            var (layer, source, set, ranges) = await seeder.PlanAsync(job, cancellation);
            var total = ranges.Sum(r => r.Count);
            foreach (var range in ranges)
                Console.WriteLine($"zoom {range.Matrix.Id}: {range.Count} tiles (columns {range.MinCol}-{range.MaxCol}, rows {range.MinRow}-{range.MaxRow})");
            Console.WriteLine($"total: {total} tiles of {layer.Id} in {set.Id}");
            if (parsed.GetValue(DryRun))
                return 0;
            if (!app.Services.GetRequiredService<TileStore>().Enabled && job.Outputs.Count == 0)
                Console.Error.WriteLine("seed: no Cache:Redis and no --output: the tiles are rendered but kept nowhere after this run");
            var counts = new SeedCounts();
            var clock = Stopwatch.StartNew();
            var errors = new ErrorReport();
            var format = ImageFormats.ParseTileFormat(job.Format);
            await using var outputs = TileOutputs.Open(job.Outputs, set, format);
            var run = seeder.RunAsync(job, layer, source, set, ranges, outputs, counts, errors.Add, cancellation);
            await (Console.IsOutputRedirected ? PlainProgressAsync(run, counts, total, clock) : BarAsync(run, counts, total, clock));
            var info = new TileSetInfo(layer.Id, layer.Title ?? layer.Id, format, job.MinZoom, job.MaxZoom, Seeder.Wgs84AreaOf(source.Info, job.Wgs84Box));
            foreach (var line in await outputs.CompleteAsync(info, cancellation))
                Console.WriteLine(line);
            Console.WriteLine($"seeded {counts.Done} of {total} tiles in {clock.Elapsed.TotalSeconds:F1} s ({Rate(counts, clock):F1} tiles/s): " +
                $"{counts.Rendered} rendered, {counts.Cached} already cached, {counts.Skipped} skipped, {counts.Errors} errors");
            return counts.Errors > 0 ? 1 : 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("seed: stopped");
            return 130;
        }
        catch (Exception e) when (e is ConfigurationException or OgcTilerException or ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            return 2;
        }
    }

    private static SeedJob JobOf(ParseResult parsed)
    {
        var zoom = parsed.GetValue(Zoom)!.Split('-');
        if (zoom.Length > 2 || !int.TryParse(zoom[0], CultureInfo.InvariantCulture, out var min) || !int.TryParse(zoom[^1], CultureInfo.InvariantCulture, out var max) || min < 0 || max < min)
            throw new ArgumentException($"--zoom '{parsed.GetValue(Zoom)}' is not a zoom level or range (e.g. 8 or 8-14)");
        var concurrency = parsed.GetValue(Concurrency);
        if (concurrency < 1)
            throw new ArgumentException($"--concurrency {concurrency} must be at least 1");
        return new SeedJob(parsed.GetValue(Layer)!, parsed.GetValue(Style), parsed.GetValue(Tms)!, min, max, BoxOf(parsed.GetValue(Bbox)),
            parsed.GetValue(Format)!, concurrency, parsed.GetValue(SkipExisting), parsed.GetValue(Output) ?? []);
    }

    private static Bounds? BoxOf(string? text)
    {
        if (text is null)
            return null;
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || parts.Where((p, i) => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any()
            || values[0] >= values[2] || values[1] >= values[3])
            throw new ArgumentException($"--bbox '{text}' is not minLon,minLat,maxLon,maxLat with min < max");
        return new Bounds(values[0], values[1], values[2], values[3]);
    }

    /// <summary>The server's services on the server's configuration, without Kestrel: nothing listens.</summary>
    private static WebApplication BuildHost(ParseResult parsed)
    {
        string[] args = [.. parsed.GetValue(Config) is { } config ? new[] { "--config", config } : [], .. parsed.UnmatchedTokens];
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOgcTilerConfiguration(args);
        builder.Services.AddOgcTilerServer();
        builder.Services.AddOgcTilerPlugins();
        builder.Services.AddOgcServices();
        return builder.Build();
    }

    private static async Task BarAsync(Task run, SeedCounts counts, long total, Stopwatch clock) =>
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("seeding", maxValue: Math.Max(1, total));
                while (true)
                {
                    task.Value = counts.Done;
                    task.Description = $"{counts.Done}/{total} tiles, {Rate(counts, clock):F0}/s, {counts.Errors} errors";
                    if (run.IsCompleted)
                        break;
                    await Task.WhenAny(run, Task.Delay(200));
                }
                await run;
            });

    private static async Task PlainProgressAsync(Task run, SeedCounts counts, long total, Stopwatch clock)
    {
        var reported = 0L;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(200));
            var tenth = total == 0 ? 10 : counts.Done * 10 / total;
            if (tenth > reported && !run.IsCompleted)
            {
                reported = tenth;
                var rate = Rate(counts, clock);
                var eta = rate > 0 ? (total - counts.Done) / rate : 0;
                Console.WriteLine($"{tenth * 10}%: {counts.Done}/{total} tiles, {rate:F0} tiles/s, {counts.Errors} errors, ETA {eta:F0} s");
            }
        }
        await run;
    }

    private static double Rate(SeedCounts counts, Stopwatch clock) => counts.Done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);

    /// <summary>Prints the first tile errors to stderr, then only counts them.</summary>
    private sealed class ErrorReport
    {
        private const int Shown = 10;
        private int _count;

        public void Add(string message)
        {
            var n = Interlocked.Increment(ref _count);
            if (n <= Shown)
                Console.Error.WriteLine($"seed: tile {message}");
            else if (n == Shown + 1)
                Console.Error.WriteLine("seed: more tile errors (counted in the summary)");
        }
    }
}
