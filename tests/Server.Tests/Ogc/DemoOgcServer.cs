using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OgcTiler.Server.Configuration;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// The real server (Program) on the shipped config/ogctiler.json and the GDAL-made demo COGs of data/demo, with the
/// real raster engine: in memory, or on a free loopback port for external clients (<see cref="StartOnLoopback"/>).
/// </summary>
public sealed class DemoOgcServer : WebApplicationFactory<Program>
{
    private readonly bool _tileCache;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="tileCache">false renders every tile (each door draws its own picture).</param>
    /// <param name="settings">configuration keys set over the shipped file (such as <c>Encoding:Jpeg:Quality</c>).</param>
    public DemoOgcServer(bool tileCache = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        _tileCache = tileCache;
        _settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>Starts Kestrel on 127.0.0.1 with a free port and returns the base URL (no trailing slash).</summary>
    public string StartOnLoopback()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("config", Path.Combine(RepoPaths.Config, "ogctiler.json"));
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_tileCache)
            return;
        builder.ConfigureTestServices(services =>
        {
            var options = (ServerOptions)services.Single(s => s.ServiceType == typeof(ServerOptions)).ImplementationInstance!;
            var tiles = options.Cache.Tiles with { Enabled = false };
            services.Replace(ServiceDescriptor.Singleton(options with { Cache = options.Cache with { Tiles = tiles } }));
        });
    }
}
