using System.Text.RegularExpressions;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// What a multi-asset request reads: either band names (<see cref="Bands"/>, e.g. "B04_b1" or, as band, "B04") or one
/// expression over such names. <see cref="Dialect"/> says which TiTiler dialect decided it and why.
/// </summary>
internal sealed record AssetSelection(IReadOnlyList<string>? Bands, string? Expression, string Dialect);

/// <summary>
/// Resolves TiTiler's two multi-asset dialects into band names or an expression.
/// 1.x: <c>assets=B04&amp;assets=B03</c>, <c>asset_bidx=B04|1,2</c>, <c>asset_expression=B04|b1*2</c>,
/// <c>asset_as_band=true</c>, <c>bidx</c> applied to every asset, expressions naming assets (<c>B08_b1</c>, or
/// <c>B08</c> with asset_as_band) that imply the assets.
/// 2.x: <c>assets=B01|bidx=1,2|expression=…</c>, <c>assets=rgb|bands=red</c>, <c>assets=:all:</c>, expressions with positional <c>b1…bN</c>
/// over the bands of the listed assets, in order.
/// Conflicts (documented in docs/api.md): options inside <c>assets=</c> win over <c>asset_bidx</c>/<c>asset_expression</c>
/// and <c>bidx</c>; an expression is positional (2.x) when assets are listed and its <c>bN</c> tokens name no asset.
/// </summary>
internal static partial class AssetSelector
{
    public static AssetSelection Resolve(QueryReader query, AssetBands available)
    {
        var specs = ParseAssets(query, available, out var v2Syntax);
        var assetBidx = ParsePerAsset(query, "asset_bidx", text => AssetSpec.ParseIndexes("asset_bidx", text));
        var assetExpression = ParsePerAsset(query, "asset_expression", text => text);
        var asBand = query.Bool("asset_as_band") ?? false;
        var bidx = query.CommaList("bidx") is { Count: > 0 } b ? b.Select(v => QueryReader.ParseInt("bidx", v, 1)).ToArray() : null;
        var expression = query.String("expression");

        if (specs.Count == 0)
        {
            if (expression is null)
                throw new InvalidParameterException("assets", $"assets: give assets or an expression (assets of this source: {string.Join(", ", available.Names)})");
            return new AssetSelection(null, expression, "1.x (assets implied by the expression)");
        }
        foreach (var spec in specs)
        {
            if (available.Names.Count > 0 && !available.Contains(spec.Name))
                throw new ResourceNotFoundException($"asset '{spec.Name}' does not exist; assets: {string.Join(", ", available.Names)}");
        }

        var perAsset = specs.Select(s => AssetOutputs(s, assetBidx, assetExpression, bidx, asBand, available)).ToArray();
        var dialect = v2Syntax ? "2.x (asset options in assets=)" : "1.x";
        if (expression is null)
        {
            return perAsset.Any(p => p.Expression is not null)
                ? new AssetSelection(null, string.Join(';', perAsset.Select(p => p.Expression ?? string.Join(';', p.Bands))), dialect)
                : new AssetSelection(perAsset.SelectMany(p => p.Bands).ToArray(), null, dialect);
        }
        if (!IsPositional(expression, available))
            return new AssetSelection(null, expression, "1.x (expression names assets; assets= ignored for reading)");
        if (perAsset.Any(p => p.Expression is not null))
            throw new InvalidParameterException("expression", "expression: cannot be combined with per-asset expressions (assets=…|expression= or asset_expression)");
        var stacked = perAsset.SelectMany(p => p.Bands).ToArray();
        return new AssetSelection(null, RewritePositional(expression, stacked), "2.x (positional b1...bN over the listed assets)");
    }

    /// <summary>
    /// The 1-based band indexes to read of each requested asset (every asset when none is named): options in
    /// <c>assets=</c>, else <c>asset_bidx</c>, else <c>bidx</c>, else all its bands (TiTiler's asset_statistics).
    /// </summary>
    public static IReadOnlyList<(AssetSpec Asset, IReadOnlyList<int> Indexes)> PerAssetIndexes(QueryReader query, AssetBands available)
    {
        var specs = ParseAssets(query, available, out _);
        if (specs.Count == 0)
            specs.AddRange(available.Names.Select(n => new AssetSpec(n, null, null)));
        var assetBidx = ParsePerAsset(query, "asset_bidx", text => AssetSpec.ParseIndexes("asset_bidx", text));
        var bidx = query.CommaList("bidx") is { Count: > 0 } b ? b.Select(v => QueryReader.ParseInt("bidx", v, 1)).ToArray() : null;
        return [.. specs.Select(spec => available.Contains(spec.Name)
            ? (spec, available.Indexes(spec) ?? assetBidx.GetValueOrDefault(spec.Name) ?? bidx ?? Enumerable.Range(1, available.BandCount(spec.Name)).ToArray())
            : throw new ResourceNotFoundException($"asset '{spec.Name}' does not exist; assets: {string.Join(", ", available.Names)}"))];
    }

    private static List<AssetSpec> ParseAssets(QueryReader query, AssetBands available, out bool v2Syntax)
    {
        v2Syntax = false;
        var specs = new List<AssetSpec>();
        foreach (var value in query.List("assets"))
        {
            // 1.x clients sometimes send "B04,B03,B02"; a value with '|' keeps its commas (index lists).
            var entries = value.Contains('|') ? [value] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var entry in entries)
            {
                if (entry == AssetSpec.All)
                {
                    v2Syntax = true;
                    specs.AddRange(available.Names.Select(n => new AssetSpec(n, null, null)));
                    continue;
                }
                var spec = AssetSpec.Parse(entry);
                v2Syntax |= spec.HasOptions;
                specs.Add(spec);
            }
        }
        return specs;
    }

    private static Dictionary<string, T> ParsePerAsset<T>(QueryReader query, string name, Func<string, T> parse)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var value in query.List(name))
        {
            var bar = value.IndexOf('|');
            if (bar <= 0 || bar == value.Length - 1)
                throw new InvalidParameterException(name, $"{name}: '{value}' must be 'asset|value' (e.g. B04|1,2)");
            result[value[..bar]] = parse(value[(bar + 1)..]);
        }
        return result;
    }

    private static (IReadOnlyList<string> Bands, string? Expression) AssetOutputs(
        AssetSpec spec, Dictionary<string, IReadOnlyList<int>> assetBidx, Dictionary<string, string> assetExpression,
        IReadOnlyList<int>? bidx, bool asBand, AssetBands available)
    {
        var explicitIndexes = available.Indexes(spec) ?? assetBidx.GetValueOrDefault(spec.Name) ?? bidx;
        var count = available.BandCount(spec.Name);
        if (asBand && explicitIndexes is null && count > 1)
            throw new InvalidParameterException("asset_as_band",
                $"asset_as_band: asset '{spec.Name}' has {count} bands, so it cannot be one band; choose one with asset_bidx={spec.Name}|1 or assets={spec.Name}|indexes=1");
        IReadOnlyList<string> bands = asBand && explicitIndexes is null
            ? [spec.Name]
            : (explicitIndexes ?? Enumerable.Range(1, count).ToArray()).Select(i => $"{spec.Name}_b{i}").ToArray();
        var expression = spec.Expression ?? assetExpression.GetValueOrDefault(spec.Name);
        return (bands, expression is null ? null : PositionalToken().Replace(expression, m => $"{spec.Name}_b{m.Groups[1].Value}"));
    }

    /// <summary>True when the expression uses bN tokens and none of them is an asset's name.</summary>
    private static bool IsPositional(string expression, AssetBands available)
    {
        var tokens = PositionalToken().Matches(expression);
        return tokens.Count > 0 && tokens.All(t => !available.Contains(t.Value));
    }

    private static string RewritePositional(string expression, IReadOnlyList<string> stacked) =>
        PositionalToken().Replace(expression, m =>
        {
            var index = int.Parse(m.Groups[1].Value);
            return index >= 1 && index <= stacked.Count
                ? stacked[index - 1]
                : throw new InvalidParameterException("expression",
                    $"expression: {m.Value} refers to band {index}, but the listed assets give {stacked.Count} band(s): {string.Join(", ", stacked)}");
        });

    [GeneratedRegex(@"(?<![A-Za-z0-9_])b(\d+)(?![A-Za-z0-9_])")]
    private static partial Regex PositionalToken();
}
