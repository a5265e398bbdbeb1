using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.TestSupport.Hosting.Fakes;

/// <summary>A source that opens but whose reads fail with <paramref name="error"/> (thrown by <see cref="GridPipeline"/>).</summary>
internal sealed class FailingSource(string id, Exception error) : IRasterSource
{
    public string Id { get; } = id;

    public Exception Error { get; } = error;

    public SourceInfo Info { get; } = FakeSource.Utm31(id).Info;

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) => throw Error;
}
