using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Tests.Fakes;

namespace OgcTiler.Plugins.Stac.Tests;

public class StacPluginTests
{
    [Fact]
    public void Register_AddsTheStacItemAndStacSearchSourceTypes()
    {
        var registry = new Registry();

        new StacPlugin().Register(registry);

        Assert.Equal(["stac-item", "stac-search"], registry.Sources.Select(s => s.Type));
        Assert.Equal("stac", new StacPlugin().Name);
    }

    private sealed class Registry : IPluginRegistry
    {
        public List<ISourceProvider> Sources { get; } = [];

        public IPluginHost Host { get; } = new FakePluginHost();

        public void AddSourceProvider(ISourceProvider provider) => Sources.Add(provider);

        public void AddExpressionCompiler(IExpressionCompiler compiler) => throw new NotSupportedException();

        public void AddColormapProvider(IColormapProvider provider) => throw new NotSupportedException();

        public void AddColorOperationProvider(IColorOperationProvider provider) => throw new NotSupportedException();
    }
}
