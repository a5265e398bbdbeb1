using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Plugins.TestPattern;

/// <summary><c>Source.Type</c> "testpattern": the URL is only the source's identity; nothing is read from disk.</summary>
internal sealed class TestPatternSourceProvider : ISourceProvider
{
    public string Type => "testpattern";

    public IReadOnlyCollection<string> OptionKeys => [];

    public Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult<IRasterSource>(new TestPatternSource(spec.Url));
}
