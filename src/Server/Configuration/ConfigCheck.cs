using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Configuration;

/// <summary><c>--check-config</c>: validates what start-up validates, prints the verdict and exits without serving.</summary>
public static class ConfigCheck
{
    public const string Flag = "--check-config";

    /// <returns>0 when the configuration is valid; a <see cref="ConfigurationException"/> otherwise reaches Program's handler.</returns>
    public static int Report(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServerOptions>();
        app.Services.GetRequiredService<TileGrids>(); // the layers' TileMatrixSets
        Console.WriteLine($"configuration is valid: {options.Layers.Count} layer(s), config folder {options.ConfigDirectory}");
        return 0;
    }
}
