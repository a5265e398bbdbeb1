using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// Several layers' pictures drawn in order over a background: the "over" operator on straight (not premultiplied)
/// 8-bit colours, rounded to nearest. An opaque background gives an RGB picture, a transparent one RGBA.
/// </summary>
internal static class LayerCompositor
{
    /// <param name="background">0xAARRGGBB; alpha 0 (transparent) or 255 (opaque).</param>
    public static PixelImage Composite(IReadOnlyList<PixelImage> layers, int width, int height, uint background)
    {
        var opaque = background >> 24 == 255;
        var result = new PixelImage(width, height, opaque ? 3 : 4);
        var pixels = result.Pixels;
        Fill(pixels, result.Channels, background);
        foreach (var layer in layers)
        {
            if (layer.Width != width || layer.Height != height)
                throw new InvalidOperationException($"a layer picture is {layer.Width}x{layer.Height}, the map {width}x{height}");
            if (opaque)
                OverOpaque(layer, pixels);
            else
                Over(layer, pixels);
        }
        return result;
    }

    private static void Fill(Span<byte> pixels, int channels, uint argb)
    {
        Span<byte> pixel = [(byte)(argb >> 16), (byte)(argb >> 8), (byte)argb, (byte)(argb >> 24)];
        pixel = pixel[..channels];
        for (var o = 0; o < pixels.Length; o += channels)
            pixel.CopyTo(pixels[o..]);
    }

    /// <summary>Over an opaque RGB destination: C = (Cs·As + Cd·(255 − As)) / 255.</summary>
    private static void OverOpaque(PixelImage layer, Span<byte> rgb)
    {
        var src = layer.Pixels;
        var n = layer.Width * layer.Height;
        for (int p = 0, s = 0, d = 0; p < n; p++, s += layer.Channels, d += 3)
        {
            var (r, g, b, a) = Read(src, s, layer.Channels);
            if (a == 0)
                continue;
            var keep = 255 - a;
            rgb[d] = (byte)((r * a + rgb[d] * keep + 127) / 255);
            rgb[d + 1] = (byte)((g * a + rgb[d + 1] * keep + 127) / 255);
            rgb[d + 2] = (byte)((b * a + rgb[d + 2] * keep + 127) / 255);
        }
    }

    /// <summary>
    /// Over an RGBA destination: Ao = As + Ad·(255 − As)/255, C = (Cs·As·255 + Cd·Ad·(255 − As)) / (Ao·255).
    /// </summary>
    private static void Over(PixelImage layer, Span<byte> rgba)
    {
        var src = layer.Pixels;
        var n = layer.Width * layer.Height;
        for (int p = 0, s = 0, d = 0; p < n; p++, s += layer.Channels, d += 4)
        {
            var (r, g, b, a) = Read(src, s, layer.Channels);
            if (a == 0)
                continue;
            var below = rgba[d + 3] * (255 - a);
            var total = a * 255 + below; // Ao·255
            rgba[d] = (byte)((r * a * 255 + rgba[d] * below + total / 2) / total);
            rgba[d + 1] = (byte)((g * a * 255 + rgba[d + 1] * below + total / 2) / total);
            rgba[d + 2] = (byte)((b * a * 255 + rgba[d + 2] * below + total / 2) / total);
            rgba[d + 3] = (byte)((total + 127) / 255);
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
}
