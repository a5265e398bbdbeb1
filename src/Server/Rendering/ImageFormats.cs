using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// The one registry of output formats: every door (tile URLs, TiTiler <c>format</c>, WMTS/WMS <c>Format</c>, legends)
/// finds its format here by extension, name or MIME type.
/// </summary>
public static class ImageFormats
{
    /// <summary>The 8-bit pictures every door offers, in the order documents list them.</summary>
    public static readonly IReadOnlyList<ImageFormat> Pictures = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp];

    /// <summary>Every output by URL extension or TiTiler format name.</summary>
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

    /// <summary>The names (extensions) of <see cref="Pictures"/>.</summary>
    public static readonly IReadOnlyList<string> PictureNames = [.. ByName.Where(p => Pictures.Contains(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal)];

    /// <summary>The picture format of an extension or name (png, jpg, jpeg, webp), or null.</summary>
    public static ImageFormat? FindPicture(string name) =>
        ByName.TryGetValue(name, out var format) && Pictures.Contains(format) ? format : null;

    /// <summary>The picture format of a MIME type, or null.</summary>
    public static ImageFormat? FindPictureByContentType(string contentType) =>
        Pictures.FirstOrDefault(f => f.ContentType == contentType.Trim());

    /// <summary>The picture format of a tile URL's extension.</summary>
    public static ImageFormat ParseTileFormat(string extension) =>
        FindPicture(extension)
            ?? throw new InvalidParameterException("format", $"format '{extension}' is not supported for tiles (use png, jpg, jpeg or webp)");
}
