using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Tests.Plugins;

/// <summary>A temporary plugin directory and a catalog + loader over it, disposed with the test.</summary>
internal sealed class PluginDirectoryFixture : IDisposable
{
    private PluginDirectory? _directory;

    public PluginDirectoryFixture(params ISourceProvider[] builtIn)
    {
        Root = Path.Combine(Path.GetTempPath(), "ogctiler-plugins-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Catalog = new PluginCatalog(builtIn, NullLogger<PluginCatalog>.Instance);
    }

    public string Root { get; }

    public PluginCatalog Catalog { get; }

    public string Folder(string name) => Path.Combine(Root, name);

    public void Start()
    {
        _directory = new PluginDirectory(
            Catalog,
            new PluginOptions(Root),
            new ServiceCollection().BuildServiceProvider(),
            NullLoggerFactory.Instance,
            new ConfigurationBuilder().Build(),
            TimeProvider.System);
        _directory.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _directory?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS.
        }
    }
}
