using OgcTiler.Abstractions.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Plugins;

/// <summary>A horizontal legend strip: one column per colormap entry, stretched to <see cref="Width"/> pixels.</summary>
internal static class LegendImage
{
    public const int Width = 256;
    public const int Height = 20;

    public static byte[] Encode(IColormap colormap)
    {
        var entries = colormap.Entries;
        var pixels = new byte[Width * Height * 4];
        for (var x = 0; x < Width; x++)
        {
            var e = entries[Math.Min(entries.Count - 1, x * entries.Count / Width)];
            for (var y = 0; y < Height; y++)
            {
                var offset = (y * Width + x) * 4;
                pixels[offset] = e.R;
                pixels[offset + 1] = e.G;
                pixels[offset + 2] = e.B;
                pixels[offset + 3] = e.A;
            }
        }
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var image = SKImage.FromPixelCopy(info, pixels);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
