using System.Text.RegularExpressions;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// The assets of a multi-asset source and how many bands each has, derived from the source's band names
/// ("B04" or "B04_b1" is band 1 of asset B04, "B04_b2" band 2).
/// </summary>
internal sealed partial class AssetBands
{
    private readonly Dictionary<string, int> _bandCounts = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public AssetBands(IEnumerable<string> sourceBandNames)
    {
        foreach (var band in sourceBandNames)
        {
            var match = AssetBandName().Match(band);
            var (asset, index) = match.Success ? (match.Groups[1].Value, int.Parse(match.Groups[2].Value)) : (band, 1);
            if (_bandCounts.TryGetValue(asset, out var count))
                _bandCounts[asset] = Math.Max(count, index);
            else
            {
                _bandCounts[asset] = index;
                _names.Add(asset);
            }
        }
    }

    /// <summary>Asset names in the source's order.</summary>
    public IReadOnlyList<string> Names => _names;

    public bool Contains(string asset) => _bandCounts.ContainsKey(asset);

    /// <summary>Number of bands of the asset; 1 when the asset is unknown (the source reports that error).</summary>
    public int BandCount(string asset) => _bandCounts.GetValueOrDefault(asset, 1);

    [GeneratedRegex(@"^(.+)_b(\d+)$")]
    private static partial Regex AssetBandName();
}
