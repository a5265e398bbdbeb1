using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.TestSupport.Hosting;

/// <summary>
/// The one test host: the real server (Program), in memory or on a loopback port (<see cref="StartOnLoopback"/>).
/// Without arguments it runs the shipped config/ogctiler.json with the demo data, the real raster engine and the built
/// plugins. Given a config text, it writes it to a temporary folder (<see cref="DataPath"/> names files under its
/// data/) and runs without plugins unless <c>plugins</c> asks for the built ones; <c>opener</c> replaces the raster
/// engine (a <see cref="FakeRasterOpener"/>, or an engine of the test's own).
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly string? _folder;
    private readonly bool _plugins;
    private readonly IRasterOpener? _opener;

    /// <summary>The shipped config, demo data, real engine and built plugins.</summary>
    public ServerFactory()
    {
        ConfigPath = Path.Combine(RepoPaths.Config, "ogctiler.json");
        _plugins = true;
    }

    public ServerFactory(string configJson, IRasterOpener? opener, bool plugins = false)
    {
        _folder = Directory.CreateTempSubdirectory("ogctiler-test-").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        ConfigPath = Path.Combine(_folder, "ogctiler.json");
        File.WriteAllText(ConfigPath, configJson);
        _plugins = plugins;
        _opener = opener;
    }

    public string ConfigPath { get; }

    /// <summary>false renders every tile (each door draws its own picture).</summary>
    public bool TileCache { get; init; } = true;

    /// <summary>Configuration keys set over the config file's (such as <c>Encoding:Jpeg:Quality</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public FakeRasterOpener Opener => _opener as FakeRasterOpener ?? throw new InvalidOperationException("this server reads with a real raster engine");

    public string DataPath(string name) =>
        Path.Combine(_folder ?? throw new InvalidOperationException("the shipped config has no data folder of its own"), "data", name);

    /// <summary>A config with one layer "demo" over data/demo.tif (3 bands) plus <paramref name="extra"/> JSON members.</summary>
    public static string DemoConfig(string layerRender = """{ "Bidx": [1], "Rescale": [[0, 3000]] }""", string extra = "") => $$"""
        {
          "Sources": { "AllowedRoots": ["data"], "AllowedUrlPrefixes": ["https://example.com/"] },
          "Layers": [
            { "Id": "demo", "Title": "Demo", "Source": { "Type": "cog", "Url": "data/demo.tif" },
              "Render": {{layerRender}},
              "Styles": { "rgb": { "Bidx": [1, 2, 3] } },
              "TileMatrixSets": ["WebMercatorQuad"] }
          ]{{extra}}
        }
        """;

    /// <summary>Starts Kestrel on 127.0.0.1 with a free port and returns the base URL (no trailing slash).</summary>
    public string StartOnLoopback()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("config", ConfigPath);
        if (!_plugins)
            builder.UseSetting("Plugins:Directory", Directory.CreateDirectory(Path.Combine(_folder!, "plugins")).FullName);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (_opener is { } opener)
            builder.ConfigureServices(services => services.AddKeyedSingleton(SourceServices.EngineKey, opener));
        if (!TileCache)
            builder.ConfigureTestServices(WithoutTileCache);
    }

    private static void WithoutTileCache(IServiceCollection services)
    {
        var options = (ServerOptions)services.Single(s => s.ServiceType == typeof(ServerOptions)).ImplementationInstance!;
        var tiles = options.Cache.Tiles with { Enabled = false };
        services.Replace(ServiceDescriptor.Singleton(options with { Cache = options.Cache with { Tiles = tiles } }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _folder is not null && Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
