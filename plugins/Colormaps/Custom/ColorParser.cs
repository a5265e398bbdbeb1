using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Colormaps.Custom;

/// <summary>A colour as TiTiler accepts it: "#rgb", "#rgba", "#rrggbb", "#rrggbbaa", or [r, g, b] / [r, g, b, a].</summary>
internal static class ColorParser
{
    public static (byte R, byte G, byte B, byte A) Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ParseHex(value.GetString()!),
        JsonValueKind.Array => ParseArray(value),
        _ => throw Invalid($"a colour must be \"#rrggbb\" or [r, g, b, a], not {value.GetRawText()}"),
    };

    private static (byte, byte, byte, byte) ParseHex(string text)
    {
        var hex = text.StartsWith('#') ? text[1..] : text;
        if (hex.Length is 3 or 4)
            hex = string.Concat(hex.Select(c => new string(c, 2)));
        if (hex.Length is not (6 or 8) || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
            throw Invalid($"'{text}' is not a hex colour (#rgb, #rgba, #rrggbb or #rrggbbaa)");
        if (hex.Length == 6)
            rgb = (rgb << 8) | 0xFF;
        return ((byte)(rgb >> 24), (byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    private static (byte, byte, byte, byte) ParseArray(JsonElement array)
    {
        var length = array.GetArrayLength();
        if (length is not (3 or 4))
            throw Invalid($"a colour array needs 3 or 4 values, not {array.GetRawText()}");
        Span<byte> channels = [0, 0, 0, 255];
        for (var i = 0; i < length; i++)
        {
            var channel = array[i];
            if (channel.ValueKind != JsonValueKind.Number || !channel.TryGetInt32(out var v) || v is < 0 or > 255)
                throw Invalid($"colour values must be integers 0..255, not {array.GetRawText()}");
            channels[i] = (byte)v;
        }
        return (channels[0], channels[1], channels[2], channels[3]);
    }

    public static InvalidParameterException Invalid(string problem) => new("colormap", $"colormap: {problem}");
}
