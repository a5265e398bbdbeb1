using System.Collections.Concurrent;
using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Layers;

/// <summary>
/// The configured layers. A layer's source is opened on first use and kept; a plugin reload drops the opened sources
/// (the provider may have changed), and a failed open is not kept, so the next request retries.
/// </summary>
internal sealed class LayerRegistry : ILayerRegistry
{
    private readonly FrozenDictionary<string, LayerDefinition> _byId;
    private readonly IPluginCatalog _plugins;
    private readonly ConcurrentDictionary<string, Lazy<Task<IRasterSource>>> _sources = new(StringComparer.Ordinal);

    public LayerRegistry(ServerOptions options, IPluginCatalog plugins)
    {
        Layers = options.Layers;
        _byId = options.Layers.ToFrozenDictionary(l => l.Id, StringComparer.Ordinal);
        _plugins = plugins;
        _plugins.Changed += _sources.Clear;
    }

    public IReadOnlyList<LayerDefinition> Layers { get; }

    /// <summary>Unknown <c>Source</c> option keys of every layer whose provider is loaded, with their config paths.</summary>
    public IReadOnlyList<string> SourceOptionErrors() => SourceOptionCheck.Errors(Layers, _plugins.FindSourceProvider);

    /// <summary>
    /// Opens (and keeps) every layer listing <c>Source:Files</c> whose provider is loaded, so files that cannot make
    /// one layer (a CRS, band count or data type of their own, a file that does not open) are found before serving;
    /// the errors with their config paths.
    /// </summary>
    public async Task<IReadOnlyList<string>> DatedFilesErrorsAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        for (var i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Source.Files is null || _plugins.FindSourceProvider(Layers[i].Source.Type) is null)
                continue;
            try
            {
                await GetSourceAsync(Layers[i], cancellationToken);
            }
            catch (OgcTilerException e)
            {
                errors.Add($"Layers:{i}:Source:Files: {e.Message}");
            }
        }
        return errors;
    }

    public LayerDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The layer with this id, or a 404 naming the layers there are.</summary>
    public LayerDefinition Get(string id) =>
        Find(id) ?? throw new ResourceNotFoundException($"layer '{id}' does not exist (layers: {string.Join(", ", _byId.Keys.Order())})");

    public async Task<IRasterSource> GetSourceAsync(LayerDefinition layer, CancellationToken cancellationToken)
    {
        var lazy = _sources.GetOrAdd(layer.Id, _ => new Lazy<Task<IRasterSource>>(() => OpenAsync(layer)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _sources.TryRemove(new KeyValuePair<string, Lazy<Task<IRasterSource>>>(layer.Id, lazy));
            throw;
        }
    }

    public void Replace(LayerDefinition layer, IRasterSource source) =>
        _sources[layer.Id] = new Lazy<Task<IRasterSource>>(Task.FromResult(source));

    // Not tied to one request's cancellation: the opened source is shared by every later request.
    private async Task<IRasterSource> OpenAsync(LayerDefinition layer)
    {
        var provider = _plugins.FindSourceProvider(layer.Source.Type)
            ?? throw new ResourceNotFoundException($"layer '{layer.Id}': no source provider for Source.Type '{layer.Source.Type}' (is its plugin loaded? see /plugins)");
        if (SourceOptionCheck.UnknownKeys(layer.Source, provider).FirstOrDefault() is { } key)
            throw new InvalidParameterException(key, SourceOptionCheck.Message($"layer '{layer.Id}'", layer.Source, key, provider));
        return layer.Source.Files is { } files
            ? await OpenFilesAsync(layer, provider, files, CancellationToken.None)
            : await provider.OpenAsync(new SourceSpec(layer.Source.Url, layer.Source.Options), CancellationToken.None);
    }

    /// <summary><c>Source:Files</c>: every file opened (concurrently) with the layer's options, as one timed source.</summary>
    private static async Task<ITimedSource> OpenFilesAsync(LayerDefinition layer, ISourceProvider provider, IReadOnlyList<DatedFile> files,
        CancellationToken cancellationToken)
    {
        var sources = await Task.WhenAll(files.Select(f => provider.OpenAsync(new SourceSpec(f.Url, layer.Source.Options), cancellationToken)));
        return new DatedFilesSource(layer.Id, [.. files.Select((f, i) => new DatedPart(sources[i], f.Time))],
            ct => OpenFilesAsync(layer, provider, files, ct));
    }
}
