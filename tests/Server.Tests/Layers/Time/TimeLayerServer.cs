using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Stac;

namespace OgcTiler.Server.Tests.Layers.Time;

/// <summary>
/// The real server with the built plugins and the real raster engine, over the loopback STAC API's three fixture
/// items (item-a 2024-01-15, item-b 2024-04-14, item-c 2024-07-23; band B04): layer "s2" by day (default latest),
/// "s2-monthly" by month with nearest values, "s2-nodefault" without a default time. It listens on a loopback port
/// so that external clients (OWSLib) can use it too.
/// </summary>
public sealed class TimeLayerServer : IAsyncLifetime
{
    /// <summary>item-a's grid: EPSG:32631, 64×64 pixels of 10 m from (500000, 3300000).</summary>
    public const string ItemBox = "500000,3299360,500640,3300000";

    public LoopbackStacApi Api { get; private set; } = null!;

    public ServerFactory Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Where the server keeps registered searches (deleted with the fixture).</summary>
    public string SearchesFolder { get; } = Directory.CreateTempSubdirectory("ogctiler-searches-").FullName;

    /// <summary>The server's URL, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Api = await LoopbackStacApi.StartAsync();
        Server = new ServerFactory(Config(Api.BaseUrl, SearchesFolder), opener: null, plugins: true);
        BaseUrl = Server.StartOnLoopback();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public static string Config(string api, string searchesFolder) => $$"""
        {
          "Sources": { "AllowedUrlPrefixes": ["{{api}}/"], "AllowedNetworks": ["127.0.0.0/8"] },
          "Searches": { "Directory": "{{searchesFolder}}" },
          "Layers": [
            { "Id": "s2", "Source": { "Type": "stac-search", "Url": "{{api}}/search", "Assets": "B04" },
              "Render": { "Rescale": [[0, 6000]] }, "Time": { "Resolution": "P1D" } },
            { "Id": "s2-monthly", "Source": { "Type": "stac-search", "Url": "{{api}}/search", "Assets": "B04" },
              "Render": { "Rescale": [[0, 6000]] }, "Time": { "Resolution": "P1M", "NearestValue": true } },
            { "Id": "s2-nodefault", "Source": { "Type": "stac-search", "Url": "{{api}}/search", "Assets": "B04" },
              "Render": { "Rescale": [[0, 6000]] }, "Time": { "Default": "none" } }
          ]
        }
        """;

    /// <summary>The fixture's B04 value of an item at (col, row) of its own 64×64 grid (0 is nodata).</summary>
    public static int B04(string item, int col, int row)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Data("stac", "items", item, "B04.u16"));
        return BitConverter.ToUInt16(bytes, (row * 64 + col) * 2);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(SearchesFolder, recursive: true);
    }
}
