using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server;

/// <summary><c>--check-config</c>: validates what start-up validates, prints the verdict and exits without serving.</summary>
public static class ConfigCheck
{
    public const string Flag = "--check-config";

    /// <returns>0 when the configuration is valid; a <see cref="ConfigurationException"/> otherwise reaches Program's handler.</returns>
    public static int Report(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServerOptions>();
        app.Services.GetRequiredService<TileGrids>(); // the layers' TileMatrixSets
        app.Services.GetRequiredService<PluginDirectory>().LoadOnce();
        var layers = app.Services.GetRequiredService<LayerRegistry>();
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        List<string> errors =
        [
            .. options.Layers.Select((l, i) => (l, i)).Where(p => catalog.FindSourceProvider(p.l.Source.Type) is null)
                .Select(p => $"Layers:{p.i}:Source:Type: no built-in provider or plugin in {options.Plugins.ResolveDirectory()} provides '{p.l.Source.Type}'"),
            .. layers.SourceOptionErrors(),
            .. layers.DatedFilesErrorsAsync(CancellationToken.None).GetAwaiter().GetResult(),
        ];
        if (errors.Count > 0)
            throw new ConfigurationException("Layers", errors);
        app.Services.GetRequiredService<ILoggerFactory>().Dispose(); // the console logger writes from a queue: flush it before exiting
        Console.WriteLine($"configuration is valid: {options.Layers.Count} layer(s), config folder {options.ConfigDirectory}");
        return 0;
    }
}
