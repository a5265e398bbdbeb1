namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>Encodes 8-bit pictures in one format.</summary>
internal interface IImageEncoder
{
    ImageFormat Format { get; }

    byte[] Encode(PixelImage image);
}
