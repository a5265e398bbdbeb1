using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Named;

/// <summary>
/// A 256-entry colormap over values 0..255 (after rescale): a value picks entry (int)value, clamped to 0..255,
/// like numpy's uint8 cast in rio-tiler. NaN and entries with alpha 0 are masked.
/// </summary>
internal sealed class RampColormap : IColormap
{
    private readonly uint[] _rgba;

    public RampColormap(ReadOnlySpan<byte> rgba)
    {
        _rgba = MemoryMarshal.Cast<byte, uint>(rgba).ToArray();
        var entries = new ColormapEntry[256];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new ColormapEntry(i, i, rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2], rgba[i * 4 + 3]);
        Entries = entries;
    }

    public IReadOnlyList<ColormapEntry> Entries { get; }

    public void Apply(ReadOnlySpan<float> values, Span<byte> mask, Span<byte> rgba)
    {
        var output = MemoryMarshal.Cast<byte, uint>(rgba);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (mask[i] == 0 || float.IsNaN(value))
            {
                mask[i] = 0;
                output[i] = 0;
                continue;
            }
            var color = _rgba[(int)Math.Clamp(value, 0f, 255f)];
            output[i] = color;
            if (color >> 24 == 0)
                mask[i] = 0;
        }
    }
}
