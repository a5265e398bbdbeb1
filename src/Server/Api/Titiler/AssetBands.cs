using System.Text.RegularExpressions;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// The assets of a multi-asset source and how many bands each has, derived from the source's band names
/// ("B04" or "B04_b1" is band 1 of asset B04, "B04_b2" band 2), with the bands' names in the STAC metadata ("red").
/// </summary>
internal sealed partial class AssetBands
{
    private readonly Dictionary<string, int> _bandCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Asset, string Label), int> _labelled = [];
    private readonly List<string> _names = [];

    /// <param name="labels">Each source band's metadata name (<see cref="Abstractions.Raster.BandInfo.Name"/>), parallel to the band names.</param>
    public AssetBands(IReadOnlyList<string> sourceBandNames, IReadOnlyList<string?>? labels = null)
    {
        for (var i = 0; i < sourceBandNames.Count; i++)
        {
            var band = sourceBandNames[i];
            var match = AssetBandName().Match(band);
            var (asset, index) = match.Success ? (match.Groups[1].Value, int.Parse(match.Groups[2].Value)) : (band, 1);
            if (_bandCounts.TryGetValue(asset, out var count))
                _bandCounts[asset] = Math.Max(count, index);
            else
            {
                _bandCounts[asset] = index;
                _names.Add(asset);
            }
            if (labels is not null && i < labels.Count && labels[i] is { } label)
                _labelled.TryAdd((asset, label), index);
        }
    }

    public static AssetBands Of(SourceInfo info) => new(info.BandNames, [.. info.Bands.Select(b => b.Name)]);

    /// <summary>Asset names in the source's order.</summary>
    public IReadOnlyList<string> Names => _names;

    public bool Contains(string asset) => _bandCounts.ContainsKey(asset);

    /// <summary>Number of bands of the asset; 1 when the asset is unknown (the source reports that error).</summary>
    public int BandCount(string asset) => _bandCounts.GetValueOrDefault(asset, 1);

    /// <summary>
    /// The band indexes an entry of <c>assets</c> names: its <c>bidx</c>/<c>indexes</c>, or the bands its <c>bands=</c>
    /// option names (rio-tiler's match of the STAC band names, exact); null when it names none.
    /// </summary>
    public IReadOnlyList<int>? Indexes(AssetSpec spec) => spec.Indexes ?? spec.BandNames?.Select(label =>
        _labelled.TryGetValue((spec.Name, label), out var index)
            ? index
            : throw new ResourceNotFoundException(
                $"asset '{spec.Name}' has no band named '{label}'; its bands: {string.Join(", ", Labels(spec.Name).DefaultIfEmpty("(none named in the STAC metadata)"))}"))
        .ToArray();

    private IEnumerable<string> Labels(string asset) =>
        _labelled.Where(p => p.Key.Asset == asset).OrderBy(p => p.Value).Select(p => p.Key.Label);

    [GeneratedRegex(@"^(.+)_b(\d+)$")]
    private static partial Regex AssetBandName();
}
