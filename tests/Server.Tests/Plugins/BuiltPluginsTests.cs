using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Tests.Plugins;

/// <summary>The plugins the build copies beside the server (and so beside this test) load and work through the host.</summary>
public sealed class BuiltPluginsTests : IDisposable
{
    private static readonly string BuiltPlugins = Path.Combine(AppContext.BaseDirectory, "plugins");
    private readonly PluginDirectoryFixture _plugins = new();

    public BuiltPluginsTests()
    {
        foreach (var name in new[] { "Expressions", "Colormaps", "TestPattern" })
            CopyFolder(Path.Combine(BuiltPlugins, name), _plugins.Folder(name));
        _plugins.Start();
    }

    [Fact]
    public void BuildOutput_HasEachPluginInItsOwnFolder_WithoutTheHostsAbstractions()
    {
        foreach (var name in new[] { "Expressions", "Colormaps", "TestPattern" })
        {
            var folder = Path.Combine(BuiltPlugins, name);
            Assert.True(File.Exists(Path.Combine(folder, $"OgcTiler.Plugins.{name}.dll")), folder);
            Assert.False(File.Exists(Path.Combine(folder, "OgcTiler.Abstractions.dll")), folder);
        }
    }

    [Fact]
    public void AllThreeLoad_AndRegisterWhatTheyProvide()
    {
        Assert.Empty(_plugins.Catalog.Snapshot.Failures);
        Assert.Equal(["Colormaps", "Expressions", "TestPattern"], _plugins.Catalog.Snapshot.Plugins.Values.Select(p => p.Name).Order());
        Assert.NotNull(_plugins.Catalog.ExpressionCompiler);
        Assert.Contains("viridis", _plugins.Catalog.Colormaps!.Names);
        Assert.NotNull(_plugins.Catalog.ColorOperations);
        Assert.NotNull(_plugins.Catalog.FindSourceProvider("TestPattern"));
    }

    [Fact]
    public async Task TestPatternSource_ThroughExpressionAndColormap_GivesComputedValues()
    {
        var provider = _plugins.Catalog.FindSourceProvider("testpattern")!;
        var source = await provider.OpenAsync(new SourceSpec("pattern", new Dictionary<string, string>()), CancellationToken.None);
        var grid = new TargetGrid("EPSG:4326", 0, 0, 20, 10, 2, 1);

        using var bands = await source.ReadAsync(grid, ["b1", "b2", "b3"], ReadOptions.Default, CancellationToken.None);
        using var ratio = _plugins.Catalog.ExpressionCompiler!.Compile("b2 / 255; where(b1 > 0, 1, 0)", RasterDataType.UInt8).Evaluate(bands);

        // Pixel centres (5, 5) and (15, 5): 10° checker cells 18+9 (odd: 200) and 19+9 (even: 0).
        Assert.Equal([200f, 0f], bands.Band(0).ToArray());
        Assert.Equal([Math.Floor(185 / 360.0 * 255), Math.Floor(195 / 360.0 * 255)], bands.Band(1).ToArray().Select(v => (double)v));
        Assert.Equal([(float)(Math.Floor(185 / 360.0 * 255) / 255), (float)(Math.Floor(195 / 360.0 * 255) / 255)], ratio.Band(0).ToArray());
        Assert.Equal([1f, 0f], ratio.Band(1).ToArray());
        Assert.True(_plugins.Catalog.Colormaps!.TryGet("viridis", out var viridis));
        var rgba = new byte[8];
        viridis.Apply([0f, 255f], ratio.Mask.ToArray(), rgba);
        Assert.Equal([68, 1, 84, 255, 253, 231, 36, 255], rgba);
    }

    [Fact]
    public void TestPatternAssembly_ReferencesOnlyAbstractionsAndTheFramework()
    {
        using var stream = File.OpenRead(Path.Combine(BuiltPlugins, "TestPattern", "OgcTiler.Plugins.TestPattern.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name));

        Assert.All(references, name => Assert.True(name == "OgcTiler.Abstractions" || name.StartsWith("System.", StringComparison.Ordinal), name));
    }

    public void Dispose() => _plugins.Dispose();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
