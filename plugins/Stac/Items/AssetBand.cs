using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// A band of an asset: "B04" is band 1 of asset B04 (TiTiler's asset_as_band, <paramref name="ByAssetName"/>; the asset
/// must then have one band), "B04_b2" is its band 2.
/// </summary>
internal readonly record struct AssetBand(StacAsset Asset, int Band, bool ByAssetName)
{
    /// <summary>Resolves a band name against the item's assets; an exact asset name wins over the "_bN" suffix.</summary>
    public static AssetBand Resolve(StacItem item, string name)
    {
        if (item.Assets.TryGetValue(name, out var asset))
            return new AssetBand(RequireRaster(item, asset), 1, ByAssetName: true);
        var split = name.LastIndexOf("_b", StringComparison.Ordinal);
        if (split > 0
            && int.TryParse(name.AsSpan(split + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var band)
            && band >= 1
            && item.Assets.TryGetValue(name[..split], out asset))
            return new AssetBand(RequireRaster(item, asset), band, ByAssetName: false);
        throw new ResourceNotFoundException(
            $"STAC item '{item.Id}' has no asset '{name}'; its assets are: {item.AssetList}");
    }

    /// <summary>The named assets (the <c>assets</c> option), or every raster asset of the item when none are named.</summary>
    public static IReadOnlyList<StacAsset> DefaultAssets(StacItem item, IReadOnlyList<string>? names)
    {
        if (names is { Count: > 0 })
            return [.. names.Select(n => Resolve(item, n).Asset).Distinct()];
        var rasters = item.Assets.Values.Where(a => a.IsRaster).ToArray();
        return rasters.Length > 0
            ? rasters
            : throw new InvalidParameterException("assets", $"STAC item '{item.Id}' has no raster asset; its assets are: {item.AssetList}");
    }

    private static StacAsset RequireRaster(StacItem item, StacAsset asset) => asset.IsRaster
        ? asset
        : throw new InvalidParameterException("assets",
            $"asset '{asset.Name}' of STAC item '{item.Id}' is not a raster (type '{asset.MediaType ?? "unknown"}', href {asset.Href})");
}
