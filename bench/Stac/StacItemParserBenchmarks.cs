using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.TestSupport;

namespace OgcTiler.Bench.Stac;

/// <summary>
/// Bytes → StacItem for the complete Earth Search Sentinel-2 item (10 KB, 17 assets) of tests/data/stac/published.
/// Run: dotnet run -c Release --project bench -- --filter '*StacItemParserBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class StacItemParserBenchmarks
{
    private string _path = "";
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _path = RepoPaths.Data("stac", "published", "earth-search-S2A_28QCH_20200714_0_L2A.json");
        _bytes = File.ReadAllBytes(_path);
    }

    [Benchmark]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_bytes);
        return StacItemParser.Parse(document.RootElement, _path).Assets.Count;
    }
}
