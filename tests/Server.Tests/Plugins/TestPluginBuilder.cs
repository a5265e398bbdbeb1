using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Server.Tests.Plugins;

/// <summary>
/// Compiles plugin assemblies during the test run with Roslyn, referencing only the framework and Abstractions,
/// the way a plugin author's build would.
/// </summary>
internal static class TestPluginBuilder
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>A plugin "Probe" whose "probe" source reports <paramref name="version"/> as its Id.</summary>
    public static string ProbeSource(string version, string registerBody = "registry.AddSourceProvider(new ProbeProvider());") => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OgcTiler.Abstractions.Plugins;
        using OgcTiler.Abstractions.Raster;
        using OgcTiler.Abstractions.Sources;

        public sealed class ProbePlugin : IPlugin
        {
            public string Name => "Probe";
            public string Version => "{{version}}";
            public void Register(IPluginRegistry registry) { {{registerBody}} }
        }

        internal sealed class ProbeProvider : ISourceProvider
        {
            public string Type => "probe";
            public Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
                Task.FromResult<IRasterSource>(new ProbeSource());
        }

        internal sealed class ProbeSource : IRasterSource
        {
            public string Id => "probe-{{version}}";
            public SourceInfo Info => throw new System.NotSupportedException();
            public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
                throw new System.NotSupportedException();
        }
        """;

    /// <summary>Compiles <paramref name="source"/> to <c>folder/assemblyName.dll</c>, overwriting any previous build.</summary>
    public static string Build(string folder, string assemblyName, string source)
    {
        Directory.CreateDirectory(folder);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        var path = Path.Combine(folder, assemblyName + ".dll");
        File.WriteAllBytes(path, image.ToArray());
        return path;
    }

    private static MetadataReference[] LoadReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll"));
        return [.. framework.Append(typeof(IPlugin).Assembly.Location).Select(p => MetadataReference.CreateFromFile(p))];
    }
}
