using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// Describes an item's default assets as a <see cref="SourceInfo"/>: from proj:* and raster:bands when they say
/// enough, otherwise from the first asset's dataset header. Every band of every asset is a band of the source, as
/// rio-tiler reads them: a single-band asset is named "B04", a multi-band one "visual_b1", "visual_b2", …. The data
/// type is numpy's promotion of the assets' types, the type of rio-tiler's stacked array.
/// </summary>
internal static class ItemInfo
{
    public static async Task<SourceInfo> DescribeAsync(
        StacItem item, IReadOnlyList<StacAsset> assets, IRasterOpener rasters, CancellationToken cancellationToken)
    {
        var counts = await BandCountsAsync(assets, rasters, cancellationToken);
        var (names, bands) = BandNames(assets, counts);
        var first = assets[0];
        var finest = assets.Where(a => a.Projection.Resolution is not null).MinBy(a => a.Projection.Resolution!.Value);
        var projection = finest?.Projection;
        if (projection is { Crs: { } crs, NativeBounds: { } bounds, Resolution: { } resolution, Shape: { } shape }
            && item.Bbox is { } wgs84 && assets.All(a => a.Band(1).DataType is not null))
        {
            var dataType = assets.Select(a => a.Band(1).DataType!.Value).Aggregate(DataTypePromotion.Promote);
            var union = assets.Select(a => a.Projection.NativeBounds ?? bounds).Aggregate(Bounds.Union);
            return new SourceInfo(crs, union, wgs84, resolution, shape.Cols, shape.Rows, dataType, first.Band(1).Nodata, names, bands);
        }
        var dataset = await rasters.OpenAsync((finest ?? first).Href, cancellationToken);
        var info = dataset.Info;
        var types = await Task.WhenAll(assets.Select(a => DataTypeAsync(a, rasters, cancellationToken)));
        return new SourceInfo(info.Crs, info.NativeBounds, item.Bbox ?? info.Wgs84Bounds,
            Math.Min(Math.Abs(info.GeoTransform[1]), Math.Abs(info.GeoTransform[5])), info.Width, info.Height,
            types.Aggregate(DataTypePromotion.Promote), info.Nodata ?? first.Band(1).Nodata, names, bands);
    }

    /// <summary>An asset's data type from its STAC band metadata, or (when that has none) from its dataset header.</summary>
    private static async Task<RasterDataType> DataTypeAsync(StacAsset asset, IRasterOpener rasters, CancellationToken cancellationToken) =>
        asset.Band(1).DataType ?? (await rasters.OpenAsync(asset.Href, cancellationToken)).Info.DataType;

    /// <summary>The source band name of 1-based band <paramref name="band"/> of an asset with <paramref name="count"/> bands.</summary>
    public static string BandName(string asset, int band, int count) => count == 1 ? asset : $"{asset}_b{band}";

    /// <summary>Each asset's band count from its STAC band arrays, or (when it has none) from its dataset header.</summary>
    private static async Task<int[]> BandCountsAsync(IReadOnlyList<StacAsset> assets, IRasterOpener rasters, CancellationToken cancellationToken) =>
        await Task.WhenAll(assets.Select(async a => a.BandCount is { } count and > 0
            ? count
            : (await rasters.OpenAsync(a.Href, cancellationToken)).Info.BandCount));

    private static (string[] Names, BandInfo[] Bands) BandNames(IReadOnlyList<StacAsset> assets, int[] counts)
    {
        var names = new List<string>();
        var bands = new List<BandInfo>();
        for (var a = 0; a < assets.Count; a++)
        {
            var asset = assets[a];
            for (var b = 1; b <= counts[a]; b++)
            {
                var name = BandName(asset.Name, b, counts[a]);
                names.Add(name);
                bands.Add(new BandInfo(counts[a] == 1 ? asset.Title ?? asset.Name : name, asset.Band(b).Scale ?? 1, asset.Band(b).Offset ?? 0)
                {
                    Name = b <= asset.BandLabels.Count ? asset.BandLabels[b - 1] : null,
                });
            }
        }
        return ([.. names], [.. bands]);
    }
}
