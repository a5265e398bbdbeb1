using System.Collections.Concurrent;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Tests.Plugins;

public sealed class PluginDirectoryTests
{
    private static readonly SourceSpec Spec = new("x", new Dictionary<string, string>());

    [Fact]
    public async Task Start_LoadsBuiltPlugin_AndItsProviderServes()
    {
        using var plugins = new PluginDirectoryFixture();
        TestPluginBuilder.Build(plugins.Folder("Probe"), "Probe", TestPluginBuilder.ProbeSource("1.0.0"));

        plugins.Start();

        var loaded = Assert.Single(plugins.Catalog.Snapshot.Plugins.Values);
        Assert.Equal(("Probe", "1.0.0", plugins.Folder("Probe")), (loaded.Name, loaded.Version, loaded.Folder));
        Assert.Equal("probe-1.0.0", await OpenProbeAsync(plugins.Catalog));
        Assert.Empty(plugins.Catalog.Snapshot.Failures);
    }

    [Fact]
    public async Task ReplacingPluginFiles_SwapsToNewVersion_WithoutRestart_UnderConcurrentRequests()
    {
        using var plugins = new PluginDirectoryFixture();
        var folder = plugins.Folder("Probe");
        TestPluginBuilder.Build(folder, "Probe", TestPluginBuilder.ProbeSource("1.0.0"));
        plugins.Start();
        var generation = plugins.Catalog.Generation;
        var changed = 0;
        plugins.Catalog.Changed += () => Interlocked.Increment(ref changed);

        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentQueue<(int Worker, string Id)>();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.Enqueue((worker, await OpenProbeAsync(plugins.Catalog)));
                await Task.Yield();
            }
        })).ToArray();

        TestPluginBuilder.Build(folder, "Probe", TestPluginBuilder.ProbeSource("2.0.0"));
        await PluginDirectoryFixture.WaitUntil(() => seen.Any(s => s.Id == "probe-2.0.0"), "version 2 to serve");
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.All(seen, s => Assert.Contains(s.Id, new[] { "probe-1.0.0", "probe-2.0.0" }));
        foreach (var worker in seen.GroupBy(s => s.Worker))
        {
            var ids = worker.Select(s => s.Id).ToList();
            var firstNew = ids.IndexOf("probe-2.0.0");
            Assert.True(firstNew < 0 || ids.Skip(firstNew).All(id => id == "probe-2.0.0"), "a request saw version 1 after version 2");
        }
        Assert.Equal("2.0.0", plugins.Catalog.Snapshot.Plugins.Values.Single().Version);
        Assert.True(plugins.Catalog.Generation > generation);
        Assert.True(Volatile.Read(ref changed) > 0);
    }

    [Fact]
    public async Task BrokenPlugins_AreSkippedWithTheirReason_AndTheOthersServe()
    {
        using var plugins = new PluginDirectoryFixture();
        Directory.CreateDirectory(plugins.Folder("Garbage"));
        File.WriteAllText(Path.Combine(plugins.Folder("Garbage"), "Garbage.dll"), "not an assembly");
        TestPluginBuilder.Build(plugins.Folder("Throws"), "Throws",
            TestPluginBuilder.ProbeSource("1.0.0", "throw new System.InvalidOperationException(\"no licence\");"));
        Directory.CreateDirectory(plugins.Folder("Empty"));
        TestPluginBuilder.Build(plugins.Folder("Probe"), "Probe", TestPluginBuilder.ProbeSource("1.0.0"));

        plugins.Start();

        Assert.Equal("probe-1.0.0", await OpenProbeAsync(plugins.Catalog));
        var failures = plugins.Catalog.Snapshot.Failures;
        Assert.Equal(3, failures.Count);
        Assert.Contains("BadImageFormatException", failures[plugins.Folder("Garbage")].Error);
        Assert.Equal("InvalidOperationException: no licence", failures[plugins.Folder("Throws")].Error);
        Assert.Equal("no .dll in the folder", failures[plugins.Folder("Empty")].Error);
    }

    [Fact]
    public async Task PluginFolderAddedAfterStart_IsLoaded()
    {
        using var plugins = new PluginDirectoryFixture();
        plugins.Start();
        Assert.Null(plugins.Catalog.FindSourceProvider("probe"));

        TestPluginBuilder.Build(plugins.Folder("Probe"), "Probe", TestPluginBuilder.ProbeSource("1.0.0"));

        await PluginDirectoryFixture.WaitUntil(() => plugins.Catalog.FindSourceProvider("probe") is not null, "the new folder to load");
        Assert.Equal("probe-1.0.0", await OpenProbeAsync(plugins.Catalog));
    }

    [Fact]
    public async Task FailedReload_KeepsThePreviousVersionServing()
    {
        using var plugins = new PluginDirectoryFixture();
        var folder = plugins.Folder("Probe");
        TestPluginBuilder.Build(folder, "Probe", TestPluginBuilder.ProbeSource("1.0.0"));
        plugins.Start();

        TestPluginBuilder.Build(folder, "Probe", TestPluginBuilder.ProbeSource("2.0.0", "throw new System.Exception(\"broken v2\");"));

        await PluginDirectoryFixture.WaitUntil(() => plugins.Catalog.Snapshot.Failures.ContainsKey(folder), "the failed reload");
        Assert.Equal("Exception: broken v2", plugins.Catalog.Snapshot.Failures[folder].Error);
        Assert.Equal("probe-1.0.0", await OpenProbeAsync(plugins.Catalog));
    }

    [Fact]
    public void MissingSourceTypes_NamesTypesNeitherBuiltInNorFromPlugins()
    {
        using var plugins = new PluginDirectoryFixture(new FakeProvider("cog"));
        TestPluginBuilder.Build(plugins.Folder("Probe"), "Probe", TestPluginBuilder.ProbeSource("1.0.0"));
        plugins.Start();

        IPluginCatalog catalog = plugins.Catalog;
        Assert.Equal(["stac-item"], catalog.MissingSourceTypes(["cog", "probe", "stac-item", "COG"]));
    }

    private static async Task<string> OpenProbeAsync(IPluginCatalog catalog)
    {
        var provider = catalog.FindSourceProvider("probe") ?? throw new InvalidOperationException("no probe provider");
        return (await provider.OpenAsync(Spec, CancellationToken.None)).Id;
    }

    private sealed class FakeProvider(string type) : ISourceProvider
    {
        public string Type => type;

        public Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
