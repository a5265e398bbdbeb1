using System.Security.Cryptography;
using System.Text;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;
using OgcTiler.Plugins.Stac.Items;

namespace OgcTiler.Plugins.Stac.Mosaic;

/// <summary>
/// The items of a search as one source: a read takes the items whose footprint meets the grid, reads them in a
/// sliding window of up to <see cref="Window"/> items at once (rio-tiler's mosaic threads) and feeds them to the pixel
/// selection method in search order, whichever read ends first. <c>first</c> reads its first item alone (a grid that
/// item fills costs no other item's reads), then widens the window, and stops once every pixel is filled: no further
/// item starts and the reads in flight are cancelled. The items' dates make it a <see cref="ITimedSource"/>, their
/// bboxes an <see cref="IItemSource"/>.
/// </summary>
internal sealed class MosaicSource(
    string id, IReadOnlyList<StacItem> items, SourceInfo info, string pixelSelection, ItemReader reader,
    Func<CancellationToken, Task<ITimedSource>> reopen)
    : ITimedSource, IItemSource
{
    /// <summary>Item reads in flight at most, per mosaic read.</summary>
    private const int Window = 4;

    public string Id { get; } = id;

    public SourceInfo Info { get; } = info;

    public IReadOnlyList<StacItem> Items { get; } = items;

    /// <summary>Changes with the items (a refreshed search or another time selection finds others).</summary>
    public string Version { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', items.Select(i => i.Uri + ' ' + i.Version)))), 0, 8);

    public IReadOnlyList<PartTime> Times { get; } = [.. items.Where(i => i.Time is not null).Select(i => new PartTime(i.Id, i.Time!.Value))];

    public IRasterSource? During(IReadOnlyList<TimeRange> ranges)
    {
        var kept = Items.Where(i => i.Time is { } time && ranges.Any(time.Meets)).ToList();
        if (kept.Count == 0)
            return null;
        var label = string.Join(',', ranges.Select(r => $"{r.Start:O}/{r.End:O}"));
        return new MosaicSource($"{Id} time={label}", kept, Info, pixelSelection, reader, reopen);
    }

    public Task<ITimedSource> ReopenAsync(CancellationToken cancellationToken) => reopen(cancellationToken);

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        if (bands.Count == 0)
            bands = Info.BandNames;
        var candidates = Intersecting(grid);
        var output = RasterData.Create(grid.Width, grid.Height, bands);
        try
        {
            var selection = PixelSelection.Create(pixelSelection, output);
            await FeedInOrderAsync(candidates, selection, grid, bands, options, cancellationToken);
            selection.Finish();
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private async Task FeedInOrderAsync(
        IReadOnlyList<StacItem> candidates, PixelSelection selection, TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<Task<RasterData>>(Window);
        var next = 0;
        try
        {
            while (!selection.IsComplete && (next < candidates.Count || inFlight.Count > 0))
            {
                var window = selection is FirstSelection && next == 0 ? 1 : Window;
                while (inFlight.Count < window && next < candidates.Count)
                    inFlight.Enqueue(reader.ReadAsync(candidates[next++], grid, bands, options, stop.Token));
                using var read = await inFlight.Dequeue();
                selection.Feed(read);
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var read in inFlight)
                Discard(read);
        }
    }

    /// <summary>Frees a read no longer needed once it ends (its failure, often the cancellation, is dropped with it).</summary>
    private static void Discard(Task<RasterData> read) => read.ContinueWith(static t =>
    {
        if (t.IsCompletedSuccessfully)
            t.Result.Dispose();
        else
            _ = t.Exception;
    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Items whose bbox (or, in the grid's own CRS, native bounds) meets the grid; all items when neither can tell.</summary>
    public IReadOnlyList<StacItem> Intersecting(TargetGrid grid)
    {
        var wgs84 = GridFootprint.Wgs84(grid);
        var native = new Bounds(grid.MinX, grid.MinY, grid.MaxX, grid.MaxY);
        return [.. Items.Where(item => wgs84 is { } box && item.Bbox is { } bbox
            ? Meets(bbox, box)
            : item.NativeBoundsIn(grid.Crs) is not { } bounds || bounds.Intersects(native))];
    }

    public IReadOnlyList<SourceItem> ItemsMeeting(Bounds wgs84) =>
        [.. Items.Where(item => item.Bbox is not { } bbox || Antimeridian.Meet(bbox, wgs84))
            .Select(item => new SourceItem(item.Id, item.Collection, item.Bbox,
                [.. item.Assets.Values.Select(a => new ItemAsset(a.Name, a.Href, a.MediaType, a.Title, a.Roles))]))];

    /// <summary>Whether an item's bbox meets a grid's WGS84 footprint, each in either form across 180° (<see cref="Antimeridian"/>).</summary>
    private static bool Meets(Bounds bbox, Bounds grid) => Antimeridian.Parts(bbox).Any(b => Antimeridian.Parts(grid).Any(b.Intersects));
}
