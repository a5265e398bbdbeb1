using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>TiTiler's <c>format</c>/<c>tile_format</c> parameter (or path extension), read from <see cref="ImageFormats"/>.</summary>
internal static class OutputFormats
{
    /// <summary>The named format, or <see cref="ImageFormat.Auto"/> (JPEG when fully opaque, else PNG, as TiTiler) when none is given.</summary>
    public static ImageFormat Parse(string? name, string parameter = "format")
    {
        if (string.IsNullOrEmpty(name))
            return ImageFormat.Auto;
        return ImageFormats.ByName.TryGetValue(name, out var format)
            ? format
            : throw new InvalidParameterException(parameter, $"{parameter}: '{name}' is not one of {string.Join(", ", ImageFormats.ByName.Keys.Order(StringComparer.Ordinal))}");
    }
}
