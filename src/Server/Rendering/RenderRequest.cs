using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Rendering;

/// <summary>A protocol-free request for pixels: what every endpoint (WMTS, WMS, REST) turns its parameters into.</summary>
/// <param name="AlphaWhenOpaque">
/// With <c>return_mask</c>, whether a picture whose every pixel is valid still carries the mask as alpha, as rio-tiler's
/// render writes it (the TiTiler routes). Other doors leave it out: a smaller, faster PNG of the same picture.
/// </param>
public sealed record RenderRequest(IRasterSource Source, TargetGrid Grid, RenderOptions Options, ImageFormat Format, bool AlphaWhenOpaque = false);

/// <summary>Output encodings. <see cref="ContentType"/> and <see cref="Extension"/> are what HTTP and URLs use.</summary>
public sealed record ImageFormat(string Name, string Extension, string ContentType)
{
    public static readonly ImageFormat Png = new("png", "png", "image/png");
    public static readonly ImageFormat Jpeg = new("jpeg", "jpg", "image/jpeg");
    public static readonly ImageFormat Webp = new("webp", "webp", "image/webp");
    public static readonly ImageFormat Npy = new("npy", "npy", "application/x-binary");
    public static readonly ImageFormat GeoTiff = new("tif", "tif", "image/tiff; application=geotiff");
    public static readonly ImageFormat PngRaw = new("pngraw", "png", "image/png");

    /// <summary>TiTiler's default when no format is given: JPEG for a fully opaque picture, PNG otherwise (chosen after rendering).</summary>
    public static readonly ImageFormat Auto = new("auto", "", "");
}

/// <summary>Encoded output and what HTTP needs to send it.</summary>
public sealed record EncodedImage(byte[] Bytes, ImageFormat Format);
