namespace OgcTiler.Raster.Codecs;

/// <summary>
/// Decompresses one stored block. Implementations are thread-safe and throw <see cref="InvalidDataException"/> on
/// corrupt data.
/// </summary>
internal interface ICodec
{
    string Name { get; }

    /// <summary>Decodes into <paramref name="destination"/> (sized for the whole block) and returns the bytes written.</summary>
    int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format);
}

/// <summary>
/// What codecs need to know about a block: its pixel size and sample layout (JPEG, WEBP, LERC), and for LERC the
/// additional compression of LercParameters.
/// </summary>
internal readonly record struct BlockFormat(int Width, int Rows, int Samples, int Photometric, byte[]? JpegTables, int LercWrapping = 0);
