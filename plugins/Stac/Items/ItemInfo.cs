using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// Describes an item's default assets as a <see cref="SourceInfo"/>: from proj:* and raster:bands when they say
/// enough, otherwise from the first asset's dataset header.
/// </summary>
internal static class ItemInfo
{
    public static async Task<SourceInfo> DescribeAsync(
        StacItem item, IReadOnlyList<StacAsset> assets, IRasterOpener rasters, CancellationToken cancellationToken)
    {
        var names = assets.Select(a => a.Name).ToArray();
        var bands = assets.Select(a => new BandInfo(a.Title ?? a.Name, a.Band(1).Scale ?? 1, a.Band(1).Offset ?? 0)).ToArray();
        var first = assets[0];
        var finest = assets.Where(a => a.Projection.Resolution is not null).MinBy(a => a.Projection.Resolution!.Value);
        var projection = finest?.Projection;
        if (projection is { Crs: { } crs, NativeBounds: { } bounds, Resolution: { } resolution, Shape: { } shape }
            && item.Bbox is { } wgs84 && first.Band(1).DataType is { } dataType)
        {
            var union = assets.Select(a => a.Projection.NativeBounds ?? bounds).Aggregate(Union);
            return new SourceInfo(crs, union, wgs84, resolution, shape.Cols, shape.Rows, dataType, first.Band(1).Nodata, names, bands);
        }
        var dataset = await rasters.OpenAsync((finest ?? first).Href, cancellationToken);
        var info = dataset.Info;
        return new SourceInfo(info.Crs, info.NativeBounds, item.Bbox ?? info.Wgs84Bounds,
            Math.Min(Math.Abs(info.GeoTransform[1]), Math.Abs(info.GeoTransform[5])), info.Width, info.Height,
            info.DataType, info.Nodata ?? first.Band(1).Nodata, names, bands);
    }

    public static Bounds Union(Bounds a, Bounds b) =>
        new(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));
}
