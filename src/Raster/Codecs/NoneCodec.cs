namespace OgcTiler.Raster.Codecs;

internal sealed class NoneCodec : ICodec
{
    public string Name => "none";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        var length = Math.Min(source.Length, destination.Length);
        source.Span[..length].CopyTo(destination);
        return length;
    }
}
