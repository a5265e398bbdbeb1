using System.Globalization;
using System.Text.RegularExpressions;

namespace OgcTiler.Server.Api.Grids;

/// <summary>
/// The CRS forms TiTiler's <c>crs</c>, <c>coord_crs</c> and <c>dst_crs</c> take besides EPSG codes and URIs
/// (pyproj's from_user_input), turned into the EPSG code the registry knows: WKT 1 or 2 whose root carries an EPSG
/// authority (<c>AUTHORITY["EPSG","4326"]</c>, <c>ID["EPSG",4326]</c>), and the PROJ strings of the CRSs tile
/// clients use (<c>+init=epsg:n</c>; WGS 84 longitude/latitude; UTM on WGS 84; Web Mercator). Anything else is
/// returned unchanged, for the registry to resolve or refuse.
/// </summary>
internal static partial class CrsText
{
    public static string ToEpsg(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('+'))
            return FromProj(trimmed) ?? text;
        if (trimmed.EndsWith(']') && RootAuthority().Match(trimmed) is { Success: true } root)
            return "EPSG:" + root.Groups[1].Value;
        return text;
    }

    private static string? FromProj(string text)
    {
        var terms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var term in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = term.TrimStart('+');
            var eq = t.IndexOf('=');
            terms[eq < 0 ? t : t[..eq]] = eq < 0 ? "" : t[(eq + 1)..];
        }
        if (terms.TryGetValue("init", out var init) && init.StartsWith("epsg:", StringComparison.OrdinalIgnoreCase))
            return "EPSG:" + init[5..];
        var wgs84 = terms.GetValueOrDefault("datum") is "WGS84" || terms.GetValueOrDefault("ellps") is "WGS84";
        return terms.GetValueOrDefault("proj") switch
        {
            "longlat" or "latlong" when wgs84 => "EPSG:4326",
            "utm" when wgs84 && int.TryParse(terms.GetValueOrDefault("zone"), NumberStyles.None, CultureInfo.InvariantCulture, out var zone) && zone is >= 1 and <= 60
                => $"EPSG:{(terms.ContainsKey("south") ? 32700 : 32600) + zone}",
            "merc" when IsWebMercator(terms) => "EPSG:3857",
            _ => null,
        };
    }

    /// <summary>Web Mercator's PROJ form: a sphere of radius 6378137 with no other offset or scale.</summary>
    private static bool IsWebMercator(Dictionary<string, string> terms) =>
        terms.GetValueOrDefault("a") == "6378137" && terms.GetValueOrDefault("b") == "6378137"
        && terms.GetValueOrDefault("lon_0", "0") is "0" or "0.0" && terms.GetValueOrDefault("x_0", "0") is "0" or "0.0"
        && terms.GetValueOrDefault("y_0", "0") is "0" or "0.0" && terms.GetValueOrDefault("k", "1") is "1" or "1.0";

    /// <summary>The last AUTHORITY/ID of the text, the root's in WKT (its sub-objects' come before it).</summary>
    [GeneratedRegex(@"(?:AUTHORITY\[\s*""EPSG""\s*,\s*""?|ID\[\s*""EPSG""\s*,\s*)(\d+)""?\s*\]\s*\]$", RegexOptions.IgnoreCase)]
    private static partial Regex RootAuthority();
}
