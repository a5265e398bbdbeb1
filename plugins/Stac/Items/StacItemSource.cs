using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// One STAC item as a source: bands are "ASSET" or "ASSET_bN"; a read with no bands reads the default assets. Its
/// datetime makes it a <see cref="ITimedSource"/> of one part (none when the item has no date), so a list of items can
/// be read date by date.
/// </summary>
internal sealed class StacItemSource(string id, StacItem item, SourceInfo info, ItemReader reader, Func<CancellationToken, Task<ITimedSource>> reopen)
    : ITimedSource
{
    public string Id { get; } = id;

    public SourceInfo Info { get; } = info;

    public StacItem Item { get; } = item;

    public string Version => Item.Version;

    public IReadOnlyList<PartTime> Times { get; } = item.Time is { } time ? [new PartTime(item.Id, time)] : [];

    public IRasterSource? During(IReadOnlyList<TimeRange> ranges) =>
        Item.Time is { } time && ranges.Any(time.Meets) ? this : null;

    public Task<ITimedSource> ReopenAsync(CancellationToken cancellationToken) => reopen(cancellationToken);

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        return reader.ReadAsync(Item, grid, bands.Count == 0 ? Info.BandNames : bands, options, cancellationToken);
    }
}
