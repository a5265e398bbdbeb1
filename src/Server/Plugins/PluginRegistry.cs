using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Plugins;

/// <summary>Collects one plugin's registrations during its <c>Register</c> call; closed afterwards.</summary>
internal sealed class PluginRegistry(IPluginHost host) : IPluginRegistry
{
    private readonly List<ISourceProvider> _sources = [];
    private readonly List<IExpressionCompiler> _expressions = [];
    private readonly List<IColormapProvider> _colormaps = [];
    private readonly List<IColorOperationProvider> _colorOperations = [];
    private bool _closed;

    public IPluginHost Host { get; } = host;

    public void AddSourceProvider(ISourceProvider provider) => Add(_sources, provider);

    public void AddExpressionCompiler(IExpressionCompiler compiler) => Add(_expressions, compiler);

    public void AddColormapProvider(IColormapProvider provider) => Add(_colormaps, provider);

    public void AddColorOperationProvider(IColorOperationProvider provider) => Add(_colorOperations, provider);

    public PluginRegistrations Close()
    {
        _closed = true;
        return new PluginRegistrations([.. _sources], [.. _expressions], [.. _colormaps], [.. _colorOperations]);
    }

    private void Add<T>(List<T> list, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_closed)
            throw new InvalidOperationException("registrations are only accepted during IPlugin.Register");
        list.Add(item);
    }
}
