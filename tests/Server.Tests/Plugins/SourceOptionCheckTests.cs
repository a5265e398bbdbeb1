using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Tests.Plugins;

public sealed class SourceOptionCheckTests
{
    private sealed class Provider(string type, IReadOnlyCollection<string>? keys) : ISourceProvider
    {
        public string Type => type;

        public IReadOnlyCollection<string>? OptionKeys => keys;

        public Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static readonly Dictionary<string, ISourceProvider> Providers = new()
    {
        ["search"] = new Provider("search", ["assets", "max_items", "filter-lang"]),
        ["cog"] = new Provider("cog", []),
        ["own"] = new Provider("own", null),
    };

    private static LayerDefinition Layer(string type, params string[] keys) => new()
    {
        Id = "l",
        Source = new SourceDefinition(type, "x", keys.ToDictionary(k => k, _ => "1", StringComparer.OrdinalIgnoreCase)),
    };

    private static IReadOnlyList<string> Errors(params LayerDefinition[] layers) => SourceOptionCheck.Errors(layers, Providers.GetValueOrDefault);

    [Fact]
    public void DeclaredKeys_MatchIgnoringCaseUnderscoresAndHyphens() =>
        Assert.Empty(Errors(Layer("search", "Assets", "max-items", "maxitems", "filter_lang")));

    [Fact]
    public void UnknownKeys_AreListedWithTheirPathAndTheKnownOnes()
    {
        var errors = Errors(Layer("cog"), Layer("search", "asets", "assets", "pixel"), Layer("cog", "bands"));

        Assert.Equal(
        [
            "Layers:1:Source:asets: source type 'search' has no option 'asets' (its options: assets, max_items, filter-lang)",
            "Layers:1:Source:pixel: source type 'search' has no option 'pixel' (its options: assets, max_items, filter-lang)",
            "Layers:2:Source:bands: source type 'cog' has no option 'bands' (it takes only Url)",
        ], errors);
    }

    [Fact]
    public void ProvidersThatDoNotDeclare_OrAreNotLoaded_AreNotChecked() =>
        Assert.Empty(Errors(Layer("own", "anything"), Layer("missing", "anything")));
}
