using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Speed;

/// <summary>
/// A loopback file server over a temporary folder holding <c>make_bench_items.py</c>'s STAC items and COGs, whose
/// hrefs point at this server: the "remote" scenes of the speed cases.
/// </summary>
internal sealed class BenchItemServer : IAsyncDisposable
{
    private readonly WebApplication _files;

    private BenchItemServer(WebApplication files, string folder, string baseUrl)
    {
        _files = files;
        Folder = folder;
        Base = baseUrl;
    }

    public string Folder { get; }

    public string Base { get; }

    public static async Task<BenchItemServer> StartAsync(int items)
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-bench-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var files = builder.Build();
        files.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), ServeUnknownFileTypes = true });
        await files.StartAsync();
        var baseUrl = files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", RepoPaths.Data("api", "make_bench_items.py"), folder, items.ToString(), baseUrl);
        return new BenchItemServer(files, folder, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _files.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
