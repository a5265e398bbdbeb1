using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Plugins.TestPattern;

/// <summary>A minimal source plugin: registers the procedural <c>testpattern</c> source type.</summary>
public sealed class TestPatternPlugin : IPlugin
{
    public string Name => "TestPattern";

    public string Version => typeof(TestPatternPlugin).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Register(IPluginRegistry registry) => registry.AddSourceProvider(new TestPatternSourceProvider());
}
