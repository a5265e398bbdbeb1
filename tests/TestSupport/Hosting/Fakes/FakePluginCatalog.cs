using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;

namespace OgcTiler.TestSupport.Hosting.Fakes;

/// <summary>A plugin catalog holding only what a test gives it; <see cref="RaiseChanged"/> plays a reload.</summary>
internal sealed class FakePluginCatalog : IPluginCatalog
{
    public IExpressionCompiler? ExpressionCompiler { get; init; }

    public IColormapProvider? Colormaps { get; init; }

    public IColorOperationProvider? ColorOperations { get; init; }

    public long Generation { get; private set; }

    public event Action? Changed;

    public ISourceProvider? FindSourceProvider(string type) => null;

    public void RaiseChanged()
    {
        Generation++;
        Changed?.Invoke();
    }
}
