using OgcTiler.Abstractions.Plugins;
using OgcTiler.Plugins.Colormaps.Formulas;

namespace OgcTiler.Plugins.Colormaps;

/// <summary>rio-tiler's named colormaps, custom colormaps from JSON, and rio-color formulas.</summary>
public sealed class ColormapsPlugin : IPlugin
{
    public string Name => "Colormaps";

    public string Version => typeof(ColormapsPlugin).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Register(IPluginRegistry registry)
    {
        registry.AddColormapProvider(new ColormapProvider());
        registry.AddColorOperationProvider(new ColorFormulaParser());
    }
}
