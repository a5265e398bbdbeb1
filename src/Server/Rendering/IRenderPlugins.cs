using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// What the pipeline takes from the loaded plugins, each null when no plugin provides it. The plugin catalog
/// implements it, so the pipeline does not know how plugins are loaded.
/// </summary>
public interface IRenderPlugins
{
    IExpressionCompiler? ExpressionCompiler { get; }

    IColormapProvider? Colormaps { get; }

    IColorOperationProvider? ColorOperations { get; }
}
