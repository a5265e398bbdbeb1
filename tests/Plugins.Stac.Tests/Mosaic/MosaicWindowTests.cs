using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Mosaic;
using OgcTiler.Plugins.Stac.Tests.Fakes;
using OgcTiler.TestSupport.Fakes;
using Xunit.Sdk;

namespace OgcTiler.Plugins.Stac.Tests.Mosaic;

/// <summary>
/// The sliding window of item reads (rio-tiler's mosaic_reader reads <c>threads</c> items at once and feeds them in
/// order): reads are held by a gate until every held item's read is in flight, then end in reverse order, so a
/// sequential reader never gets past the gate and an out-of-order feed would show in the pixels.
/// </summary>
[Collection("stac-api")]
public class MosaicWindowTests(StacApiFixture fixture)
{
    private static readonly string[] SearchOrder = ["item-a", "item-b", "item-c"];

    [Fact]
    public async Task First_ReadsTheItemsAfterTheFirstTogether_AndTakesThemInSearchOrder()
    {
        // item-a alone leaves cols 64..95 (and its nodata wedge) empty, so item-b and item-c are read, together.
        var gate = new Gate(held: ["item-b", "item-c"]);
        var host = new FakePluginHost(new GatedOpener(gate));

        using var data = await Read(host, "first", Fixtures.Grid(0, 96));

        Assert.Equal(["item-c", "item-b"], gate.Ended);
        AssertEachPixel(data, 96, values => values.FirstOrDefault());
    }

    [Fact]
    public async Task Mean_ReadsTheWholeWindowTogether()
    {
        var gate = new Gate(held: SearchOrder);
        var host = new FakePluginHost(new GatedOpener(gate));

        using var data = await Read(host, "mean", Fixtures.Grid(0, 96));

        Assert.Equal(["item-c", "item-b", "item-a"], gate.Ended);
        AssertEachPixel(data, 96, values => values.Length == 0 ? null : values.Average());
    }

    [Fact]
    public async Task First_CancelsTheReadsInFlightOnceEveryPixelIsFilled()
    {
        // cols 48..95, rows 0..15: item-a covers cols 48..63, item-b the whole grid; item-c is in the window with item-b.
        var grid = Fixtures.Grid(48, 48, 16);
        Assert.All(Enumerable.Range(48, 48), col => Assert.All(Enumerable.Range(0, 16),
            row => Assert.NotNull(Fixtures.ValueAt("item-b", "B04", col, row))));
        var gate = new Gate(held: [], cancelledOnly: "item-c");
        var host = new FakePluginHost(new GatedOpener(gate));

        using var data = await Read(host, "first", grid);

        await gate.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
        Assert.Equal(Fixtures.ValueAt("item-b", "B04", 80, 3), (ushort)data.Band(0)[3 * 48 + 32]);
        Assert.Equal(Fixtures.ValueAt("item-a", "B04", 50, 3), (ushort)data.Band(0)[3 * 48 + 2]);
    }

    private async Task<RasterData> Read(FakePluginHost host, string method, TargetGrid grid)
    {
        var source = await new StacSearchProvider(host).OpenAsync(
            new SourceSpec(fixture.Api.BaseUrl + "/search", new Dictionary<string, string> { ["pixel_selection"] = method }), default);
        return await source.ReadAsync(grid, ["B04"], ReadOptions.Default, default);
    }

    private static void AssertEachPixel(RasterData data, int width, Func<double[], double?> expected)
    {
        for (var row = 0; row < data.Height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                var values = SearchOrder.Select(i => Fixtures.ValueAt(i, "B04", col, row))
                    .Where(v => v is not null).Select(v => (double)v!.Value).ToArray();
                var value = values.Length == 0 ? null : expected(values);
                var p = row * width + col;
                Assert.Equal(value is null ? 0 : 255, data.Mask[p]);
                if (value is { } v)
                    Assert.Equal(v, data.Band(0)[p], 3);
            }
        }
    }

    /// <summary>
    /// Holds the reads of the <paramref name="held"/> items until all of them are in flight, then lets the last end
    /// first and each ending release the one before it; the read of <paramref name="cancelledOnly"/> ends only when cancelled.
    /// </summary>
    private sealed class Gate(string[] held, string? cancelledOnly = null)
    {
        private readonly TaskCompletionSource[] _turns = [.. held.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public List<string> Ended { get; } = [];

        public Task Cancelled => _cancelled.Task;

        /// <summary>
        /// Notes the cancellation of the waiting item's open too: when the other reads fill the grid first (a busy
        /// machine), its read is cancelled before it starts.
        /// </summary>
        public void WatchOpen(string uri, CancellationToken cancellationToken)
        {
            if (IsWaiting(uri))
                cancellationToken.Register(() => _cancelled.TrySetResult());
        }

        private bool IsWaiting(string uri) => cancelledOnly is { } waiting && uri.Contains($"/{waiting}/", StringComparison.Ordinal);

        public async Task<RasterData> ReadAsync(IRasterDataset inner, TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken)
        {
            if (IsWaiting(inner.Uri))
            {
                await using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var index = Array.FindIndex(held, id => inner.Uri.Contains($"/{id}/", StringComparison.Ordinal));
            if (index < 0)
                return await inner.ReadAsync(grid, bands, options, cancellationToken);
            if (Interlocked.Increment(ref _arrived) == held.Length)
                _turns[^1].SetResult();
            try
            {
                await _turns[index].Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new XunitException($"{held[index]}: only {_arrived} of the {held.Length} held reads were ever in flight together");
            }
            var data = await inner.ReadAsync(grid, bands, options, cancellationToken);
            lock (Ended)
                Ended.Add(held[index]);
            if (index > 0)
                _turns[index - 1].SetResult();
            return data;
        }
    }

    private sealed class GatedOpener(Gate gate) : IRasterOpener
    {
        private readonly FakeRasterOpener _inner = new(FixtureDatasets.Load);

        public async Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken)
        {
            gate.WatchOpen(uri, cancellationToken);
            return new GatedDataset(await _inner.OpenAsync(uri, cancellationToken), gate);
        }
    }

    private sealed class GatedDataset(IRasterDataset inner, Gate gate) : IRasterDataset
    {
        public string Uri => inner.Uri;

        public RasterInfo Info => inner.Info;

        public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken) =>
            gate.ReadAsync(inner, grid, bands, options, cancellationToken);
    }
}
