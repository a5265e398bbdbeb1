using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.ColorMaps;

/// <summary>
/// A legend strip: the colormap's entries in order along the ramp (left to right, or top to bottom when vertical),
/// each pixel taking the entry nearest its centre, like TiTiler's nearest-neighbour resize of its 256-wide strip.
/// </summary>
internal static class LegendImage
{
    public static PixelImage Render(IColormap colormap, LegendOptions options)
    {
        var length = options.Vertical ? options.Height : options.Width;
        var ramp = Ramp(colormap.Entries, length);
        var image = new PixelImage(options.Width, options.Height, 4);
        var pixels = MemoryMarshal.Cast<byte, uint>(image.Pixels);
        for (var y = 0; y < options.Height; y++)
        {
            var row = pixels.Slice(y * options.Width, options.Width);
            if (options.Vertical)
                row.Fill(ramp[y]);
            else
                ramp.CopyTo(row);
        }
        return image;
    }

    /// <summary>The RGBA of each position along the ramp, as little-endian uints (R in the lowest byte).</summary>
    private static uint[] Ramp(IReadOnlyList<ColormapEntry> entries, int length)
    {
        var ramp = new uint[length];
        for (var i = 0; i < length; i++)
        {
            var e = entries[Math.Min(entries.Count - 1, (int)((i + 0.5) * entries.Count / length))];
            ramp[i] = (uint)(e.R | e.G << 8 | e.B << 16 | e.A << 24);
        }
        return ramp;
    }
}
