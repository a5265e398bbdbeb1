using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>TiTiler's output format names (path extension or <c>format</c>/<c>tile_format</c> parameter).</summary>
internal static class OutputFormats
{
    public static readonly FrozenDictionary<string, ImageFormat> ByName = new Dictionary<string, ImageFormat>
    {
        ["png"] = ImageFormat.Png,
        ["jpeg"] = ImageFormat.Jpeg,
        ["jpg"] = ImageFormat.Jpeg,
        ["webp"] = ImageFormat.Webp,
        ["tif"] = ImageFormat.GeoTiff,
        ["tiff"] = ImageFormat.GeoTiff,
        ["npy"] = ImageFormat.Npy,
        ["pngraw"] = ImageFormat.PngRaw,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The named format, or <see cref="ImageFormat.Auto"/> (JPEG when fully opaque, else PNG, as TiTiler) when none is given.</summary>
    public static ImageFormat Parse(string? name, string parameter = "format")
    {
        if (string.IsNullOrEmpty(name))
            return ImageFormat.Auto;
        return ByName.TryGetValue(name, out var format)
            ? format
            : throw new InvalidParameterException(parameter, $"{parameter}: '{name}' is not one of {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}");
    }
}
