using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Rendering;

public static class ImageFormats
{
    /// <summary>The picture formats of tile URLs: png, jpg/jpeg, webp.</summary>
    public static ImageFormat ParseTileFormat(string extension) => extension.ToLowerInvariant() switch
    {
        "png" => ImageFormat.Png,
        "jpg" or "jpeg" => ImageFormat.Jpeg,
        "webp" => ImageFormat.Webp,
        _ => throw new InvalidParameterException("format", $"format '{extension}' is not supported for tiles (use png, jpg, jpeg or webp)"),
    };
}
