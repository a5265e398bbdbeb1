using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>
/// The fixture COGs of tests/data/stac/items (by local path or by the loopback server's URL) as
/// <see cref="FakeDataset"/>s holding the GDAL-exported pixels (*.u16) and the georeferencing of the item's asset:
/// what the fake raster opener of <see cref="FakePluginHost"/> opens.
/// </summary>
internal static class FixtureDatasets
{
    public static IRasterDataset Load(string uri)
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
