using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tests.Io;

/// <summary>A real range reader that records every range read and, while <see cref="Gate"/> is open, holds reads back.</summary>
internal sealed class CountingRangeReader(IRangeReader inner) : IRangeReader
{
    private readonly List<(long Offset, int Length)> _ranges = [];

    public string Uri => inner.Uri;

    public long? Length => inner.Length;

    public string Version => inner.Version;

    public string? CompressedCacheIdentity => inner.CompressedCacheIdentity;

    /// <summary>When set, reads wait for it (or their cancellation) before reading.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IReadOnlyList<(long Offset, int Length)> Ranges
    {
        get { lock (_ranges) return _ranges.ToArray(); }
    }

    public void Clear()
    {
        lock (_ranges)
            _ranges.Clear();
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        lock (_ranges)
            _ranges.Add((offset, destination.Length));
        if (Gate is { } gate)
            await gate.Task.WaitAsync(cancellationToken);
        return await inner.ReadAsync(offset, destination, cancellationToken);
    }
}
