using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>
/// Opens the fixture COGs of tests/data/stac/items (by local path or by the loopback server's URL) as
/// <see cref="FakeDataset"/>s holding the GDAL-exported pixels (*.u16) and the georeferencing of the item's asset.
/// Stands in for the raster engine's opener until the plugin tests read the COGs themselves.
/// </summary>
internal sealed class FakeRasterOpener : IRasterOpener
{
    private readonly ConcurrentDictionary<string, FakeDataset> _datasets = new();

    public ConcurrentQueue<string> Opened { get; } = new();

    public Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken)
    {
        Opened.Enqueue(uri);
        return Task.FromResult<IRasterDataset>(_datasets.GetOrAdd(uri, Load));
    }

    public FakeDataset Dataset(string uri) => _datasets.GetOrAdd(uri, Load);

    /// <summary>Total reads over every dataset opened so far.</summary>
    public int Reads => _datasets.Values.Sum(d => d.Reads);

    private static FakeDataset Load(string uri)
    {
        var marker = uri.IndexOf("items/", StringComparison.Ordinal);
        if (marker < 0 || !uri.EndsWith(".tif", StringComparison.Ordinal))
            throw new UpstreamException($"fake opener: no fixture for {uri}");
        var parts = uri[(marker + "items/".Length)..].Split('/');
        var (itemId, asset) = (parts[0], Path.GetFileNameWithoutExtension(parts[1]));
        var folder = RepoPaths.Data("stac", "items", itemId);
        if (!File.Exists(Path.Combine(folder, asset + ".u16")))
            throw new UpstreamException($"fake opener: {uri} does not exist");
        var item = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, itemId + ".json")))!;
        var assetJson = item["assets"]![asset]!;
        var t = assetJson["proj:transform"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        var shape = assetJson["proj:shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var raw = File.ReadAllBytes(Path.Combine(folder, asset + ".u16"));
        var samples = new float[raw.Length / 2];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToUInt16(raw, 2 * i);
        return new FakeDataset(uri, Fixtures.Crs, [t[2], t[0], t[1], t[5], t[3], t[4]], shape[1], shape[0], [samples], 0);
    }
}
