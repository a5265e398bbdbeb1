using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc;
using OgcTiler.Server.Ogc.Wms;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.TestSupport.Hosting.Fakes;

namespace OgcTiler.TestSupport.Hosting;

/// <summary>
/// The WMTS and WMS endpoints alone, over fake layers, <see cref="GridPipeline"/> and the tile cache: in memory
/// (TestServer) or on a real loopback port for the external clients (GDAL, OWSLib).
/// </summary>
internal sealed class OgcTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OgcTestHost(WebApplication app, HttpClient client, string baseUrl, FakeLayerRegistry registry, GridPipeline pipeline, FakePluginCatalog plugins)
    {
        _app = app;
        Client = client;
        BaseUrl = baseUrl;
        Registry = registry;
        Pipeline = pipeline;
        Plugins = plugins;
    }

    public HttpClient Client { get; }

    public string BaseUrl { get; }

    public FakeLayerRegistry Registry { get; }

    public GridPipeline Pipeline { get; }

    public FakePluginCatalog Plugins { get; }

    /// <summary>Two layers: "utm" (UTM 31N data, with a "viridis" style) and "world" (EPSG:4326 data), unless given.</summary>
    public static IReadOnlyList<(LayerDefinition, IRasterSource)> DefaultLayers() =>
    [
        (new LayerDefinition
        {
            Id = "utm",
            Title = "UTM layer",
            Abstract = "A UTM 31N layer",
            Source = new SourceDefinition("cog", "utm.tif", new Dictionary<string, string>()),
            Styles = new Dictionary<string, RenderOptions>
            {
                ["viridis"] = new() { ColormapName = "viridis", Rescale = [new ValueRange(0, 100)] },
                ["grey"] = new() { Bidx = [1], Rescale = [new ValueRange(0, 100)] },
            },
        }, FakeSource.Utm31("utm")),
        (new LayerDefinition
        {
            Id = "world",
            Title = "World layer",
            Source = new SourceDefinition("cog", "world.tif", new Dictionary<string, string>()),
        }, FakeSource.Create("world", "EPSG:4326", new OgcTiler.Abstractions.Raster.Bounds(-180, -85, 180, 85))),
    ];

    public static async Task<OgcTestHost> StartAsync(
        IReadOnlyList<(LayerDefinition, IRasterSource)>? layers = null,
        bool kestrel = false,
        Dictionary<string, string?>? config = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(config ?? new Dictionary<string, string?> { ["Service:Title"] = "OgcTiler test", ["Service:ProviderName"] = "OgcTiler tests" });
        if (kestrel)
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        else
            builder.WebHost.UseTestServer();
        var registry = new FakeLayerRegistry(layers ?? DefaultLayers());
        var pipeline = new GridPipeline();
        var plugins = new FakePluginCatalog();
        builder.Services.AddSingleton<ILayerRegistry>(registry);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LayerTimes>();
        builder.Services.AddSingleton<IRenderPipeline>(pipeline);
        builder.Services.AddSingleton<IPluginCatalog>(plugins);
        builder.Services.AddSingleton(CrsRegistry.Default);
        builder.Services.AddSingleton(TileMatrixSetRegistry.Load(null, CrsRegistry.Default));
        var options = ServerOptionsReader.Read(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "ogctiler.json"), []);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ImageEncoders(options.Encoding));
        builder.Services.AddOgcTilerTileCache();
        builder.Services.AddOgcServices();
        var app = builder.Build();
        app.MapWmsEndpoints();
        app.MapWmtsEndpoints();
        await app.StartAsync();
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new OgcTestHost(app, new HttpClient { BaseAddress = new Uri(address) }, address.TrimEnd('/'), registry, pipeline, plugins);
        }
        return new OgcTestHost(app, app.GetTestClient(), "http://localhost", registry, pipeline, plugins);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
