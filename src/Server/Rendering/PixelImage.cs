using System.Buffers;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// Pixels ready to encode, interleaved: 1 channel grey, 2 grey+alpha, 3 RGB, 4 RGBA (alpha not premultiplied).
/// Samples are bytes, or big-endian 16-bit pairs when <see cref="BitDepth"/> is 16 (only PNG takes those).
/// The buffer is pooled: dispose when done.
/// </summary>
internal sealed class PixelImage : IDisposable
{
    private byte[]? _pixels;

    public PixelImage(int width, int height, int channels, int bitDepth = 8)
    {
        if (channels is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(channels), "1 to 4 channels");
        if (bitDepth is not (8 or 16))
            throw new ArgumentOutOfRangeException(nameof(bitDepth), "8 or 16 bits per sample");
        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
        _pixels = ArrayPool<byte>.Shared.Rent(Height * Stride);
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    public int BitDepth { get; }

    /// <summary>Bytes per pixel, all channels.</summary>
    public int PixelSize => Channels * BitDepth / 8;

    public bool HasAlpha => Channels is 2 or 4;

    public int Stride => Width * PixelSize;

    public Span<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(PixelImage))).AsSpan(0, Height * Stride);

    /// <summary>The pooled array behind <see cref="Pixels"/> (for native encoders that need a pinned array).</summary>
    internal byte[] Buffer => _pixels ?? throw new ObjectDisposedException(nameof(PixelImage));

    public void Dispose()
    {
        if (_pixels is { } pixels)
            ArrayPool<byte>.Shared.Return(pixels);
        _pixels = null;
    }
}
