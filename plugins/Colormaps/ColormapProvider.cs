using System.Diagnostics.CodeAnalysis;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Plugins.Colormaps.Custom;
using OgcTiler.Plugins.Colormaps.Named;

namespace OgcTiler.Plugins.Colormaps;

internal sealed class ColormapProvider : IColormapProvider
{
    private readonly NamedColormaps _named = NamedColormaps.Load();

    public IReadOnlyCollection<string> Names => _named.Names;

    /// <summary>Names are matched case-insensitively ("RdYlGn" and "rdylgn" are the same map).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IColormap? colormap)
    {
        var found = _named.TryGet(name, out var ramp);
        colormap = ramp;
        return found;
    }

    public IColormap Parse(string json) => CustomColormapParser.Parse(json);
}
