using System.Net;
using System.Text.RegularExpressions;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Operations;

/// <summary>
/// What the Dockerfile runs, short of Docker: <c>dotnet publish src/Server -c Release</c>, started from a folder laid
/// out as the image's /srv/ogctiler (config/ and data/demo/, no --config), serves the demo with its plugins.
/// </summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task PublishedServer_StartsFromTheImageLayout_AndServes()
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-publish-").FullName;
        try
        {
            var app = Path.Combine(folder, "app");
            var srv = Path.Combine(folder, "srv");
            var (exit, output, error) = await ExternalProcess.RunAsync("dotnet",
                ["publish", Path.Combine(RepoPaths.Root, "src", "Server"), "-c", "Release", "-o", app, "-nologo", "-v", "q"], TimeSpan.FromMinutes(5), RepoPaths.Root);
            Assert.True(exit == 0, output + error);
            Assert.True(Directory.Exists(Path.Combine(app, "plugins", "Stac")), "the plugins are published beside the server");
            CopyFolder(RepoPaths.Config, Path.Combine(srv, "config"));
            CopyFolder(Path.Combine(RepoPaths.Root, "data", "demo"), Path.Combine(srv, "data", "demo"));

            using var server = ExternalProcess.Start("dotnet", [Path.Combine(app, "OgcTiler.Server.dll"), "--urls", "http://127.0.0.1:0"], srv);
            var baseUrl = await ListeningUrlAsync(server);
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Contains("stac-item", await GetWhenPluginsLoadedAsync(client));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            var tile = await client.GetAsync("/layers/s2/tiles/WebMercatorQuad/11/1198/848.png");
            Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
            Assert.Equal("image/png", tile.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api.html/")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> GetWhenPluginsLoadedAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var plugins = await client.GetStringAsync("/plugins");
            if (plugins.Contains("stac-item", StringComparison.Ordinal) || attempt == 100)
                return plugins;
            await Task.Delay(100);
        }
    }

    /// <summary>The base URL from the server's start-up lines, within a minute.</summary>
    private static async Task<string> ListeningUrlAsync(RunningProcess server)
    {
        var line = await server.WaitForLineAsync(l => ListeningLine().IsMatch(l), TimeSpan.FromMinutes(1));
        return ListeningLine().Match(line).Groups[1].Value;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"OgcTiler is listening on (http://\S+)\. Open:")]
    private static partial Regex ListeningLine();
}
