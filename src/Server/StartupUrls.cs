using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server;

public static class StartupUrls
{
    /// <summary>Once Kestrel listens, prints the URLs a newcomer wants to open.</summary>
    public static void PrintUrlsOnStart(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var baseUrl = addresses?.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").TrimEnd('/');
            if (baseUrl is null)
                return;
            var layers = app.Services.GetRequiredService<LayerRegistry>().Layers;
            Console.WriteLine($"OgcTiler is listening on {baseUrl}. Open:");
            foreach (var layer in layers)
                Console.WriteLine($"  {baseUrl}/layers/{layer.Id}/map.html   ({layer.Title ?? layer.Id}: a map in the browser)");
            Console.WriteLine($"  {baseUrl}/layers                                   (layers as JSON; tiles at /layers/{{id}}/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}.png)");
            Console.WriteLine($"  {baseUrl}/tileMatrixSets");
            Console.WriteLine($"  {baseUrl}/wmts?SERVICE=WMTS&REQUEST=GetCapabilities");
            Console.WriteLine($"  {baseUrl}/wms?SERVICE=WMS&REQUEST=GetCapabilities");
        });
}
