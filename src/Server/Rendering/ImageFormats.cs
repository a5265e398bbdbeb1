using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Rendering;

public static class ImageFormats
{
    /// <summary>The picture formats of tile URLs by extension.</summary>
    public static readonly FrozenDictionary<string, ImageFormat> TileFormats = new Dictionary<string, ImageFormat>
    {
        ["png"] = ImageFormat.Png,
        ["jpg"] = ImageFormat.Jpeg,
        ["jpeg"] = ImageFormat.Jpeg,
        ["webp"] = ImageFormat.Webp,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static ImageFormat ParseTileFormat(string extension) =>
        TileFormats.TryGetValue(extension, out var format)
            ? format
            : throw new InvalidParameterException("format", $"format '{extension}' is not supported for tiles (use png, jpg, jpeg or webp)");
}
