using System.Buffers;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// 8-bit pixels ready to encode, interleaved: 1 channel grey, 2 grey+alpha, 3 RGB, 4 RGBA (alpha not premultiplied).
/// The buffer is pooled: dispose when done.
/// </summary>
internal sealed class PixelImage : IDisposable
{
    private byte[]? _pixels;

    public PixelImage(int width, int height, int channels)
    {
        if (channels is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(channels), "1 to 4 channels");
        Width = width;
        Height = height;
        Channels = channels;
        _pixels = ArrayPool<byte>.Shared.Rent(width * height * channels);
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    public bool HasAlpha => Channels is 2 or 4;

    public int Stride => Width * Channels;

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
