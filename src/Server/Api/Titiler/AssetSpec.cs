using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// One entry of <c>assets</c>: a name with TiTiler 2.x options (<c>B01|bidx=1,2</c> — rio-tiler's <c>indexes=</c>
/// accepted too —, <c>rgb|bands=red,green</c> naming bands by their STAC name, or <c>B01|expression=b1*2</c>).
/// </summary>
internal sealed record AssetSpec(string Name, IReadOnlyList<int>? Indexes, string? Expression, IReadOnlyList<string>? BandNames = null)
{
    public const string All = ":all:";

    public bool HasOptions => Indexes is not null || Expression is not null || BandNames is not null;

    /// <summary>
    /// How rio-tiler's MultiBaseReader.statistics keys an asset: its name, or with options
    /// <c>name|indexes=[1,1]&amp;expression=b1*2</c> (each value as Python prints it, without spaces), in the order given.
    /// </summary>
    public string Key { get; private init; } = Name;

    public static AssetSpec Parse(string value)
    {
        var parts = value.Split('|');
        var name = parts[0].Trim();
        if (name.Length == 0)
            throw new InvalidParameterException("assets", $"assets: '{value}' has no asset name before '|'");
        IReadOnlyList<int>? indexes = null;
        string? expression = null;
        IReadOnlyList<string>? bandNames = null;
        var keyOptions = new List<string>();
        foreach (var option in parts.Skip(1))
        {
            var eq = option.IndexOf('=');
            var key = eq < 0 ? option : option[..eq];
            var text = eq < 0 ? "" : option[(eq + 1)..];
            switch (key.Trim().ToLowerInvariant())
            {
                case "indexes" or "bidx":
                    indexes = ParseIndexes("assets", text);
                    keyOptions.Add($"indexes=[{string.Join(',', indexes)}]");
                    break;
                case "bands":
                    bandNames = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } names
                        ? names
                        : throw new InvalidParameterException("assets", $"assets: '{value}' lists no band name after bands=");
                    keyOptions.Add($"bands=[{string.Join(',', bandNames.Select(n => $"'{n}'"))}]");
                    break;
                case "expression":
                    expression = text.Length > 0 ? text : throw new InvalidParameterException("assets", $"assets: '{value}' has an empty expression");
                    keyOptions.Add($"expression={expression.Replace(" ", "")}");
                    break;
                default:
                    throw new InvalidParameterException("assets", $"assets: option '{option}' in '{value}' is not bidx=…, indexes=…, bands=… or expression=…");
            }
        }
        return new AssetSpec(name, indexes, expression, bandNames) { Key = keyOptions.Count == 0 ? name : $"{name}|{string.Join('&', keyOptions)}" };
    }

    /// <summary>"1,2,3" (or TiTiler's "1;2;3"), each ≥ 1.</summary>
    public static IReadOnlyList<int> ParseIndexes(string parameter, string text)
    {
        var parts = text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new InvalidParameterException(parameter, $"{parameter}: '{text}' lists no band index");
        return parts.Select(p => QueryReader.ParseInt(parameter, p, 1)).ToArray();
    }
}
