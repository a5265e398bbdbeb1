using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Plugins;

/// <summary>What one plugin added in its <c>Register</c> call.</summary>
internal sealed record PluginRegistrations(
    IReadOnlyList<ISourceProvider> SourceProviders,
    IReadOnlyList<IExpressionCompiler> ExpressionCompilers,
    IReadOnlyList<IColormapProvider> ColormapProviders,
    IReadOnlyList<IColorOperationProvider> ColorOperationProviders);
