using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server;

/// <summary>
/// At start, before serving: every layer listing <c>Source:Files</c> is opened, and files that cannot make one layer
/// (see <see cref="LayerRegistry.DatedFilesErrorsAsync"/>) stop the server with a configuration error naming them.
/// Registered after the plugin directory, whose start loads the plugins a layer's provider may come from.
/// </summary>
internal sealed class DatedFilesStartCheck(LayerRegistry layers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var errors = await layers.DatedFilesErrorsAsync(cancellationToken);
        if (errors.Count > 0)
            throw new ConfigurationException("Layers", errors);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
