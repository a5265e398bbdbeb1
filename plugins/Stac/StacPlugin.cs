using OgcTiler.Abstractions.Plugins;
using OgcTiler.Plugins.Stac.Items;
using OgcTiler.Plugins.Stac.Mosaic;

namespace OgcTiler.Plugins.Stac;

/// <summary>Adds the STAC source types: <c>stac-item</c> (one item's assets) and <c>stac-search</c> (a mosaic of a search).</summary>
public sealed class StacPlugin : IPlugin
{
    public string Name => "stac";

    public string Version => typeof(StacPlugin).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Register(IPluginRegistry registry)
    {
        registry.AddSourceProvider(new StacItemProvider(registry.Host));
        registry.AddSourceProvider(new StacSearchProvider(registry.Host));
    }
}
