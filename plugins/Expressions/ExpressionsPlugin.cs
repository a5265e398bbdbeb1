using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Plugins.Expressions;

/// <summary>Band math with the rio-tiler / TiTiler expression grammar.</summary>
public sealed class ExpressionsPlugin : IPlugin
{
    public string Name => "Expressions";

    public string Version => typeof(ExpressionsPlugin).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Register(IPluginRegistry registry) => registry.AddExpressionCompiler(new ExpressionCompiler());
}
