using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>One STAC item as a source: bands are "ASSET" or "ASSET_bN"; a read with no bands reads the default assets.</summary>
internal sealed class StacItemSource(string id, StacItem item, SourceInfo info, ItemReader reader) : IRasterSource
{
    public string Id { get; } = id;

    public SourceInfo Info { get; } = info;

    public StacItem Item { get; } = item;

    public string Version => Item.Version;

    public Task<RasterData> ReadAsync(TargetGrid grid, SourceReadRequest request, CancellationToken cancellationToken)
    {
        if (request.Bands.Count == 0)
            request = request with { Bands = Info.BandNames };
        return reader.ReadAsync(Item, grid, request, cancellationToken);
    }
}
