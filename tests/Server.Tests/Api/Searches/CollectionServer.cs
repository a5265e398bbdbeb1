using OgcTiler.Server.Tests.Layers.Time;
using OgcTiler.TestSupport.Stac;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>The real server with the plugins, <c>Searches:StacApi</c> set to the loopback STAC API's /search (collection fixture-s2).</summary>
public sealed class CollectionServer : IAsyncLifetime
{
    public LoopbackStacApi Api { get; private set; } = null!;

    public ServerFactory Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The server's URL, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    private readonly string _searchesFolder = Directory.CreateTempSubdirectory("ogctiler-searches-").FullName;

    public async Task InitializeAsync()
    {
        Api = await LoopbackStacApi.StartAsync();
        var config = TimeLayerServer.Config(Api.BaseUrl, _searchesFolder)
            .Replace("\"Searches\": {", $"\"Searches\": {{ \"StacApi\": \"{Api.BaseUrl}/search\",");
        Server = new ServerFactory(config, opener: null, plugins: true);
        BaseUrl = Server.StartOnLoopback();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(_searchesFolder, recursive: true);
    }
}
