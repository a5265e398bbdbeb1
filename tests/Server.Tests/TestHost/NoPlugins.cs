using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Tests.TestHost;

/// <summary>A plugin catalog with nothing loaded.</summary>
internal sealed class NoPlugins : IPluginCatalog
{
    public IExpressionCompiler? ExpressionCompiler => null;

    public IColormapProvider? Colormaps => null;

    public IColorOperationProvider? ColorOperations => null;

    public long Generation => 0;

    public event Action? Changed { add { } remove { } }

    public ISourceProvider? FindSourceProvider(string type) => null;

    public IReadOnlyList<string> MissingSourceTypes(IEnumerable<string> types) => [.. types];
}
