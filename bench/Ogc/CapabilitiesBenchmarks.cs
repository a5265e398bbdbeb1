using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Ogc.Wms;
using OgcTiler.Server.Ogc.Wmts;

namespace OgcTiler.Bench.Ogc;

/// <summary>
/// Capabilities of 100 layers each linked to every TileMatrixSet: building the documents, and serving them warm from
/// the cache (what a GetCapabilities request costs after the first). Run:
/// dotnet run -c Release --project bench -- --filter '*CapabilitiesBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class CapabilitiesBenchmarks
{
    private const string BaseUrl = "http://localhost:5000";
    private readonly ServiceOptions _service = new("OgcTiler", "bench", [], "OgcTiler", null, null, null);
    private IReadOnlyList<OgcLayer> _layers = [];
    private WmtsLayerSets _sets = null!;
    private CapabilitiesCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        var crs = CrsRegistry.Default;
        var registry = TileMatrixSetRegistry.Load(null, crs);
        _sets = new WmtsLayerSets(registry, crs);
        var setIds = registry.All.Select(s => s.Id).ToList();
        var definitions = Enumerable.Range(0, 100).Select(i => new LayerDefinition
        {
            Id = $"layer{i}",
            Title = $"Layer {i}",
            Source = new SourceDefinition("cog", $"layer{i}.tif", new Dictionary<string, string>()),
            TileMatrixSets = setIds,
        }).ToList();
        var source = new BenchSource();
        _layers = definitions.Select(d => new OgcLayer(d, source)).ToList();
        var layerRegistry = new BenchRegistry(definitions, source);
        var times = new LayerTimes(layerRegistry, TimeProvider.System, NullLogger<LayerTimes>.Instance);
        _cache = new CapabilitiesCache(new OgcLayers(layerRegistry, times, NullLogger<OgcLayers>.Instance), new BenchPlugins(), times, TimeProvider.System);
        _cache.GetAsync("wmts", WriteWmts, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public byte[] BuildWmts() => WriteWmts(_layers, 1);

    [Benchmark]
    public byte[] BuildWms130() => new WmsCapabilitiesWriter(WmsVersion.V130, _service, new OgcOptions(), CrsRegistry.Default, BaseUrl).Write(_layers, 1);

    [Benchmark]
    public Task<byte[]> WarmWmtsFromCache() => _cache.GetAsync("wmts", WriteWmts, CancellationToken.None);

    private byte[] WriteWmts(IReadOnlyList<OgcLayer> layers, long sequence) => new WmtsCapabilitiesWriter(_service, _sets, BaseUrl, null).Write(layers, sequence);

    private sealed class BenchSource : IRasterSource
    {
        public string Id => "bench";

        public SourceInfo Info { get; } = new("EPSG:32631", new Bounds(400000, 4800000, 500000, 4900000), new Bounds(1.7, 43.3, 3.0, 44.3),
            10, 10000, 10000, RasterDataType.UInt16, null, ["b1", "b2", "b3"], [new BandInfo(null), new BandInfo(null), new BandInfo(null)]);

        public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class BenchRegistry(IReadOnlyList<LayerDefinition> layers, IRasterSource source) : ILayerRegistry
    {
        public IReadOnlyList<LayerDefinition> Layers => layers;

        public LayerDefinition? Find(string id) => layers.FirstOrDefault(l => l.Id == id);

        public Task<IRasterSource> GetSourceAsync(LayerDefinition layer, CancellationToken cancellationToken) => Task.FromResult(source);

        public void Replace(LayerDefinition layer, IRasterSource source) => throw new NotSupportedException("no bench layer declares Time");
    }

    private sealed class BenchPlugins : OgcTiler.Server.Plugins.IPluginCatalog
    {
        public OgcTiler.Abstractions.Rendering.IExpressionCompiler? ExpressionCompiler => null;

        public OgcTiler.Abstractions.Rendering.IColormapProvider? Colormaps => null;

        public OgcTiler.Abstractions.Rendering.IColorOperationProvider? ColorOperations => null;

        public long Generation => 0;

        public event Action? Changed { add { } remove { } }

        public ISourceProvider? FindSourceProvider(string type) => null;

        public IReadOnlyList<string> MissingSourceTypes(IEnumerable<string> types) => [];
    }
}
