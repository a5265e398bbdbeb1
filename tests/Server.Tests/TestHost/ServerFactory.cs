using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.TestHost;

/// <summary>
/// The real server (Program) on a config file written to a temporary folder, with the raster engine replaced by
/// <see cref="FakeRasterOpener"/> (or the real engine when none is given) and no plugins (an empty plugin folder) unless <c>plugins</c> asks for the built ones. <see cref="DataPath"/> gives the absolute
/// path of a file under the folder's data/.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly bool _plugins;
    private readonly FakeRasterOpener? _opener;
    private readonly string _folder = Directory.CreateTempSubdirectory("ogctiler-test-").FullName;

    public ServerFactory(string configJson, FakeRasterOpener? opener, bool plugins = false)
    {
        _plugins = plugins;
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        ConfigPath = Path.Combine(_folder, "ogctiler.json");
        File.WriteAllText(ConfigPath, configJson);
        _opener = opener;
    }

    public string ConfigPath { get; }

    public FakeRasterOpener Opener => _opener ?? throw new InvalidOperationException("this server reads with the real raster engine");

    public string DataPath(string name) => Path.Combine(_folder, "data", name);

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("config", ConfigPath);
        if (!_plugins)
            builder.UseSetting("Plugins:Directory", Directory.CreateDirectory(Path.Combine(_folder, "plugins")).FullName);
        if (_opener is not null)
            builder.ConfigureServices(services => services.AddKeyedSingleton<IRasterOpener>(SourceServices.EngineKey, _opener));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
