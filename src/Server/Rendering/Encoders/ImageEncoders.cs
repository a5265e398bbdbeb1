using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>The picture encoders by format, built once from <c>Encoding</c> options.</summary>
internal sealed class ImageEncoders(EncodingOptions options)
{
    public bool GeoTiffDeflate => options.GeoTiffCompression == GeoTiffCompression.Deflate;

    private readonly FrozenDictionary<ImageFormat, IImageEncoder> _encoders = new IImageEncoder[]
    {
        new PngEncoder(options.Png),
        new JpegEncoder(options.JpegQuality),
        new WebpEncoder(options.WebpQuality),
    }.ToFrozenDictionary(e => e.Format);

    public IImageEncoder Get(ImageFormat format) =>
        _encoders.TryGetValue(format, out var encoder)
            ? encoder
            : throw new InvalidParameterException("format", $"format '{format.Name}' is not an image format here (use {string.Join(", ", _encoders.Keys.Select(f => f.Name))})");
}
