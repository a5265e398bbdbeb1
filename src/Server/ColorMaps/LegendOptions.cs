using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.ColorMaps;

/// <summary>
/// TiTiler's legend parameters of /colorMaps/{name}: <c>format</c> (png, jpeg/jpg, webp), <c>orientation</c>
/// (horizontal, the default, or vertical) and the size in pixels, by default 256 along the ramp and 20 across.
/// </summary>
internal sealed record LegendOptions(ImageFormat Format, bool Vertical, int Width, int Height)
{
    public const int Length = 256;
    public const int Thickness = 20;
    public const int MaxSide = 2048;

    /// <summary>
    /// The legend options, or null for the JSON table (no format, or <c>json</c>), which ignores the image parameters as TiTiler does.
    /// </summary>
    public static LegendOptions? Parse(string? format, string? orientation, string? width, string? height)
    {
        if (format is null or "" or "json")
            return null;
        var vertical = ParseOrientation(orientation);
        return new LegendOptions(
            ParseFormat(format),
            vertical,
            ParseSide("width", width, vertical ? Thickness : Length),
            ParseSide("height", height, vertical ? Length : Thickness));
    }

    private static ImageFormat ParseFormat(string format) =>
        ImageFormats.FindPicture(format)
            ?? throw new InvalidParameterException("format", $"format '{format}' is not supported; use json, png, jpeg or webp");

    private static bool ParseOrientation(string? orientation) => orientation?.ToLowerInvariant() switch
    {
        null or "horizontal" => false,
        "vertical" => true,
        _ => throw new InvalidParameterException("orientation", $"orientation '{orientation}' is not supported; use horizontal or vertical"),
    };

    private static int ParseSide(string name, string? text, int fallback)
    {
        if (text is null)
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side is >= 1 and <= MaxSide
            ? side
            : throw new InvalidParameterException(name, $"{name} '{text}' must be a whole number of pixels from 1 to {MaxSide}");
    }
}
