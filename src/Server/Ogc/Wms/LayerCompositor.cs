using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// Several layers' pictures drawn in order over a background: the "over" operator on straight (not premultiplied)
/// 8-bit colours, rounded to nearest. An opaque background gives a picture without alpha, a transparent one with
/// alpha; grey layers over a grey background stay grey (1 or 2 channels, as the single-layer picture would be).
/// </summary>
internal static class LayerCompositor
{
    /// <param name="background">0xAARRGGBB; alpha 0 (transparent) or 255 (opaque).</param>
    public static PixelImage Composite(IReadOnlyList<PixelImage> layers, int width, int height, uint background)
    {
        var opaque = background >> 24 == 255;
        var grey = IsGrey(background) && layers.All(l => l.Channels <= 2);
        var result = new PixelImage(width, height, (grey ? 1 : 3) + (opaque ? 0 : 1));
        var pixels = result.Pixels;
        Fill(pixels, result.Channels, background);
        foreach (var layer in layers)
        {
            if (layer.Width != width || layer.Height != height)
                throw new InvalidOperationException($"a layer picture is {layer.Width}x{layer.Height}, the map {width}x{height}");
            Over(layer, pixels, result.Channels);
        }
        return result;
    }

    private static bool IsGrey(uint argb) => (byte)(argb >> 16) == (byte)(argb >> 8) && (byte)(argb >> 8) == (byte)argb;

    private static void Fill(Span<byte> pixels, int channels, uint argb)
    {
        var alpha = (byte)(argb >> 24);
        Span<byte> pixel = channels <= 2
            ? [(byte)argb, alpha]
            : [(byte)(argb >> 16), (byte)(argb >> 8), (byte)argb, alpha];
        pixel = pixel[..channels];
        for (var o = 0; o < pixels.Length; o += channels)
            pixel.CopyTo(pixels[o..]);
    }

    /// <summary>
    /// Ao = As + Ad·(255 − As)/255, C = (Cs·As·255 + Cd·Ad·(255 − As)) / (Ao·255); over an opaque destination this is
    /// C = (Cs·As + Cd·(255 − As)) / 255 and Ao stays 255.
    /// </summary>
    private static void Over(PixelImage layer, Span<byte> destination, int channels)
    {
        var src = layer.Pixels;
        var n = layer.Width * layer.Height;
        for (int p = 0, s = 0, d = 0; p < n; p++, s += layer.Channels, d += channels)
        {
            var (r, g, b, a) = Read(src, s, layer.Channels);
            if (a == 0)
                continue;
            var (dr, dg, db, da) = Read(destination, d, channels);
            var below = da * (255 - a);
            var total = a * 255 + below; // Ao·255
            Write(destination, d, channels,
                (r * a * 255 + dr * below + total / 2) / total,
                (g * a * 255 + dg * below + total / 2) / total,
                (b * a * 255 + db * below + total / 2) / total,
                (total + 127) / 255);
        }
    }

    /// <summary>One pixel as RGBA from 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels.</summary>
    private static (int R, int G, int B, int A) Read(ReadOnlySpan<byte> pixels, int offset, int channels) => channels switch
    {
        1 => (pixels[offset], pixels[offset], pixels[offset], 255),
        2 => (pixels[offset], pixels[offset], pixels[offset], pixels[offset + 1]),
        3 => (pixels[offset], pixels[offset + 1], pixels[offset + 2], 255),
        _ => (pixels[offset], pixels[offset + 1], pixels[offset + 2], pixels[offset + 3]),
    };

    /// <summary>Stores an RGBA pixel in 1 to 4 channels (grey destinations only ever receive grey pixels).</summary>
    private static void Write(Span<byte> pixels, int offset, int channels, int r, int g, int b, int a)
    {
        pixels[offset] = (byte)r;
        if (channels == 2)
            pixels[offset + 1] = (byte)a;
        if (channels < 3)
            return;
        pixels[offset + 1] = (byte)g;
        pixels[offset + 2] = (byte)b;
        if (channels == 4)
            pixels[offset + 3] = (byte)a;
    }
}
