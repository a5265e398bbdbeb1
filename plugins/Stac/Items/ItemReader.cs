using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Catalog;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// Reads named bands of one item into a grid: each asset is opened as its own dataset (in parallel), and its bands
/// land at the positions the request named them. A pixel is valid where every asset read holds data.
/// </summary>
internal sealed class ItemReader(IRasterOpener rasters)
{
    public async Task<RasterData> ReadAsync(StacItem item, TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var groups = GroupByAsset(item, bands);
        var reads = await Task.WhenAll(groups.Select(g => ReadAssetAsync(g, grid, options, cancellationToken)));
        var output = RasterData.Create(grid.Width, grid.Height, bands);
        output.Mask.Fill(255);
        for (var g = 0; g < groups.Count; g++)
        {
            using var data = reads[g];
            CopyInto(output, data, groups[g]);
        }
        return output;
    }

    private static List<AssetGroup> GroupByAsset(StacItem item, IReadOnlyList<string> bands)
    {
        var groups = new List<AssetGroup>();
        for (var i = 0; i < bands.Count; i++)
        {
            var band = AssetBand.Resolve(item, bands[i]);
            var group = groups.Find(g => g.Asset == band.Asset);
            if (group is null)
                groups.Add(group = new AssetGroup(band.Asset, [], []));
            if (band.ByAssetName)
                group.NamedAsAsset = bands[i];
            var position = group.Bands.IndexOf(band.Band);
            if (position < 0)
            {
                group.Bands.Add(band.Band);
                position = group.Bands.Count - 1;
            }
            group.Outputs.Add((position, i));
        }
        return groups;
    }

    private async Task<RasterData> ReadAssetAsync(AssetGroup group, TargetGrid grid, ReadOptions options, CancellationToken cancellationToken)
    {
        var dataset = await rasters.OpenAsync(group.Asset.Href, cancellationToken);
        var info = dataset.Info;
        foreach (var band in group.Bands.Where(b => b > info.BandCount))
            throw new InvalidParameterException("bands",
                $"asset '{group.Asset.Name}' has {info.BandCount} band(s); band {band} ('{group.Asset.Name}_b{band}') does not exist");
        if (group.NamedAsAsset is { } name && info.BandCount > 1)
            throw new InvalidParameterException("asset_as_band",
                $"'{name}' names asset '{group.Asset.Name}' as one band, but it has {info.BandCount} bands; name one ('{group.Asset.Name}_b1') or choose it with asset_bidx");
        // The file's own nodata and scale win; the STAC metadata fills in what the file lacks.
        var nodata = options.Nodata ?? (info.Nodata is null ? group.Asset.Band(group.Bands[0]).Nodata : null);
        var fileScales = group.Bands.Any(b => info.Bands[b - 1].Scale != 1 || info.Bands[b - 1].Offset != 0);
        var data = await dataset.ReadAsync(grid, group.Bands, options with { Nodata = nodata, Unscale = options.Unscale && fileScales }, cancellationToken);
        if (options.Unscale && !fileScales)
            ApplyStacScale(data, group);
        return data;
    }

    private static void ApplyStacScale(RasterData data, AssetGroup group)
    {
        for (var i = 0; i < group.Bands.Count; i++)
        {
            var band = group.Asset.Band(group.Bands[i]);
            var scale = (float)(band.Scale ?? 1);
            var offset = (float)(band.Offset ?? 0);
            if (scale == 1 && offset == 0)
                continue;
            var samples = data.Band(i);
            for (var p = 0; p < samples.Length; p++)
                samples[p] = samples[p] * scale + offset;
        }
    }

    private static void CopyInto(RasterData output, RasterData data, AssetGroup group)
    {
        if (data.Width != output.Width || data.Height != output.Height || data.BandCount != group.Bands.Count)
            throw new RasterFormatException(group.Asset.Href,
                $"read returned {data.BandCount} band(s) of {data.Width}x{data.Height}, expected {group.Bands.Count} of {output.Width}x{output.Height}");
        foreach (var (position, outputIndex) in group.Outputs)
            data.Band(position).CopyTo(output.Band(outputIndex));
        var mask = output.Mask;
        var assetMask = data.Mask;
        for (var p = 0; p < mask.Length; p++)
            mask[p] &= assetMask[p];
    }

    /// <param name="Bands">Distinct 1-based band indexes read from the asset.</param>
    /// <param name="Outputs">(index into <paramref name="Bands"/>, output band index) pairs.</param>
    private sealed record AssetGroup(StacAsset Asset, List<int> Bands, List<(int Position, int Output)> Outputs)
    {
        /// <summary>The request's name when it named the asset itself (asset_as_band), which needs a single-band asset.</summary>
        public string? NamedAsAsset { get; set; }
    }
}
