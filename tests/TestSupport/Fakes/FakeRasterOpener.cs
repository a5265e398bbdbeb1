using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.TestSupport.Fakes;

/// <summary>A fake dataset that counts its reads, so tests can assert caching.</summary>
public interface ICountsReads
{
    int Reads { get; }
}

/// <summary>
/// The one fake raster engine: opens the datasets added by URI, else those <paramref name="load"/> makes for a URI
/// (made once per URI); without either a URI is a missing file. Records every URI it is asked to open.
/// </summary>
public sealed class FakeRasterOpener(Func<string, IRasterDataset>? load = null) : IRasterOpener
{
    private readonly ConcurrentDictionary<string, IRasterDataset> _datasets = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Opened { get; } = new();

    /// <summary>Reads over every dataset opened so far that counts them.</summary>
    public int Reads => _datasets.Values.OfType<ICountsReads>().Sum(d => d.Reads);

    public FakeRasterOpener Add(IRasterDataset dataset)
    {
        _datasets[dataset.Uri] = dataset;
        return this;
    }

    public Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken)
    {
        Opened.Enqueue(uri);
        return Task.FromResult(Dataset(uri));
    }

    /// <summary>The dataset of <paramref name="uri"/>, without recording an open.</summary>
    public IRasterDataset Dataset(string uri) =>
        _datasets.TryGetValue(uri, out var dataset) ? dataset
        : load is not null ? _datasets.GetOrAdd(uri, load)
        : throw new ResourceNotFoundException($"{uri}: no such file");
}
