using BenchmarkDotNet.Attributes;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Bench.Raster;

/// <summary>
/// A warm open (header cached), as every tile request does before it reads: a COG with an internal mask on its
/// overviews, one with .ovr/.msk/.msk.ovr sidecars, and one georeferenced by ground control points (tests/data).
/// Run: dotnet run -c Release --project bench -- --filter '*OpenBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class OpenBenchmarks
{
    private readonly RasterOpener _opener = new(new HttpClient(), 64);

    [Params("masks/files/internal_mask_ovr.tif", "masks/files/msk_ovr.tif", "gcps/files/gcp_order2_ovr.tif")]
    public string Fixture { get; set; } = "";

    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = RepoPaths.Data(Fixture);
        Open().GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<IRasterDataset> Open() => _opener.OpenAsync(_path, CancellationToken.None);
}
